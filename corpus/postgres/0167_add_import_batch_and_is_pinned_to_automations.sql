-- dbm:up
ALTER TABLE automations ADD COLUMN import_batch varchar(40);
ALTER TABLE automations ADD COLUMN is_pinned boolean NOT NULL DEFAULT false;

-- dbm:down
ALTER TABLE automations DROP COLUMN is_pinned;
ALTER TABLE automations DROP COLUMN import_batch;
