-- dbm:up
-- sort_weight turned out to be unused; the importer writes to visibility_level instead
ALTER TABLE feature_flags DROP COLUMN IF EXISTS sort_weight

-- dbm:down
ALTER TABLE feature_flags ADD COLUMN sort_weight numeric(10,2);
CREATE INDEX feature_flags_sort_weight_idx ON feature_flags (sort_weight) WHERE sort_weight IS NOT NULL;
