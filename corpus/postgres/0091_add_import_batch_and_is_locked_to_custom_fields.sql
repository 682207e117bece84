-- dbm:up
ALTER TABLE custom_fields ADD COLUMN import_batch varchar(40);
ALTER TABLE custom_fields ADD COLUMN is_locked boolean NOT NULL DEFAULT false;

-- dbm:down
ALTER TABLE custom_fields DROP COLUMN is_locked;
ALTER TABLE custom_fields DROP COLUMN import_batch;
