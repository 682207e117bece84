-- dbm:up
-- sort_weight turned out to be unused; the importer writes to origin instead
ALTER TABLE rate_limits DROP COLUMN IF EXISTS sort_weight

-- dbm:down
ALTER TABLE rate_limits ADD COLUMN sort_weight numeric(10,2);
CREATE INDEX rate_limits_sort_weight_idx ON rate_limits (sort_weight) WHERE sort_weight IS NOT NULL;
