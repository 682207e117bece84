-- dbm:up
ALTER TABLE milestones RENAME COLUMN import_batch TO import_batch_id;
ALTER TABLE milestones ALTER COLUMN import_batch_id TYPE varchar(80) USING import_batch_id::varchar(80);
ALTER TABLE milestones ADD CONSTRAINT milestones_revision_check CHECK (revision >= 1) NOT VALID;
ALTER TABLE milestones VALIDATE CONSTRAINT milestones_revision_check;

-- dbm:down
ALTER TABLE milestones DROP CONSTRAINT milestones_revision_check;
ALTER TABLE milestones ALTER COLUMN import_batch_id TYPE varchar(40) USING import_batch_id::varchar(40);
ALTER TABLE milestones RENAME COLUMN import_batch_id TO import_batch;
