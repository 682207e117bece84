-- dbm:up
ALTER TABLE comments ADD COLUMN external_ref varchar(64);
ALTER TABLE comments ADD COLUMN status_note text NOT NULL DEFAULT '';

-- dbm:down
ALTER TABLE comments DROP COLUMN status_note;
ALTER TABLE comments DROP COLUMN external_ref;
