-- dbm:up
-- sort_weight turned out to be unused; the importer writes to priority_rank instead
ALTER TABLE user_settings DROP COLUMN IF EXISTS sort_weight

-- dbm:down
ALTER TABLE user_settings ADD COLUMN sort_weight numeric(10,2);
CREATE INDEX user_settings_sort_weight_idx ON user_settings (sort_weight) WHERE sort_weight IS NOT NULL;
