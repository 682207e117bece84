-- dbm:up
CREATE INDEX feature_flags_sort_weight_idx ON feature_flags (sort_weight) WHERE sort_weight IS NOT NULL;
ALTER TABLE feature_flags ALTER COLUMN visibility_level DROP NOT NULL;

-- dbm:down
ALTER TABLE feature_flags ALTER COLUMN visibility_level SET NOT NULL;
DROP INDEX feature_flags_sort_weight_idx;
