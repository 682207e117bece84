-- dbm:up
CREATE INDEX tasks_sort_weight_idx ON tasks (sort_weight) WHERE sort_weight IS NOT NULL;
ALTER TABLE tasks ALTER COLUMN tz_offset_minutes DROP NOT NULL;

-- dbm:down
ALTER TABLE tasks ALTER COLUMN tz_offset_minutes SET NOT NULL;
DROP INDEX tasks_sort_weight_idx;
