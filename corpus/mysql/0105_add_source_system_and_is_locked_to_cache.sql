-- dbm:up
# source_system: filled by the importer; is_locked: see the admin guide
ALTER TABLE cache ADD source_system VARCHAR(32);
ALTER TABLE cache ADD is_locked BOOLEAN NOT NULL DEFAULT false;

-- dbm:down
ALTER TABLE cache DROP is_locked;
ALTER TABLE cache DROP source_system;
