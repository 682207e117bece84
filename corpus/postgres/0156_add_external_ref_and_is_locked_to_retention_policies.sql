-- dbm:up
ALTER TABLE retention_policies ADD COLUMN external_ref varchar(64);
ALTER TABLE retention_policies ADD COLUMN is_locked boolean NOT NULL DEFAULT false;

-- dbm:down
ALTER TABLE retention_policies DROP COLUMN is_locked;
ALTER TABLE retention_policies DROP COLUMN external_ref;
