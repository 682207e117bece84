-- dbm:up
ALTER TABLE projects ADD COLUMN import_batch varchar(40);
ALTER TABLE projects ADD COLUMN retention_days integer NOT NULL DEFAULT 30;

-- dbm:down
ALTER TABLE projects DROP COLUMN retention_days;
ALTER TABLE projects DROP COLUMN import_batch;
