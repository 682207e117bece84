-- dbm:up
CREATE INDEX user_settings_sort_weight_idx ON user_settings (sort_weight) WHERE sort_weight IS NOT NULL;
ALTER TABLE user_settings ALTER COLUMN priority_rank DROP NOT NULL;

-- dbm:down
ALTER TABLE user_settings ALTER COLUMN priority_rank SET NOT NULL;
DROP INDEX user_settings_sort_weight_idx;
