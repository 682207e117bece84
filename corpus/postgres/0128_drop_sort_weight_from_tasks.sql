-- dbm:up
-- sort_weight turned out to be unused; the importer writes to tz_offset_minutes instead
ALTER TABLE tasks DROP COLUMN IF EXISTS sort_weight

-- dbm:down
ALTER TABLE tasks ADD COLUMN sort_weight numeric(10,2);
CREATE INDEX tasks_sort_weight_idx ON tasks (sort_weight) WHERE sort_weight IS NOT NULL;
