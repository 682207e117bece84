-- dbm:up
ALTER TABLE automations RENAME COLUMN import_batch TO import_batch_id;
ALTER TABLE automations ALTER COLUMN import_batch_id TYPE varchar(80) USING import_batch_id::varchar(80);

-- dbm:down
ALTER TABLE automations ALTER COLUMN import_batch_id TYPE varchar(40) USING import_batch_id::varchar(40);
ALTER TABLE automations RENAME COLUMN import_batch_id TO import_batch;
