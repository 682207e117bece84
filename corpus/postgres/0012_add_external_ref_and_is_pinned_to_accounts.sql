-- dbm:up
ALTER TABLE accounts ADD COLUMN external_ref varchar(64);
ALTER TABLE accounts ADD COLUMN is_pinned boolean NOT NULL DEFAULT false;

-- dbm:down
ALTER TABLE accounts DROP COLUMN is_pinned;
ALTER TABLE accounts DROP COLUMN external_ref;
