-- dbm:up
ALTER TABLE milestones ADD COLUMN import_batch varchar(40);
ALTER TABLE milestones ADD COLUMN revision integer NOT NULL DEFAULT 1;

-- dbm:down
ALTER TABLE milestones DROP COLUMN revision;
ALTER TABLE milestones DROP COLUMN import_batch;
