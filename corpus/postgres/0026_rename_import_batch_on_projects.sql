-- dbm:up
ALTER TABLE projects RENAME COLUMN import_batch TO import_batch_id;
ALTER TABLE projects ALTER COLUMN import_batch_id TYPE varchar(80) USING import_batch_id::varchar(80);
ALTER TABLE projects ADD CONSTRAINT projects_retention_days_check CHECK (retention_days > 0) NOT VALID;
ALTER TABLE projects VALIDATE CONSTRAINT projects_retention_days_check;

-- dbm:down
ALTER TABLE projects DROP CONSTRAINT projects_retention_days_check;
ALTER TABLE projects ALTER COLUMN import_batch_id TYPE varchar(40) USING import_batch_id::varchar(40);
ALTER TABLE projects RENAME COLUMN import_batch_id TO import_batch;
