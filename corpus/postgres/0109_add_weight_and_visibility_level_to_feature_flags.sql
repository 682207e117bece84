-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE feature_flags ADD COLUMN IF NOT EXISTS weight numeric(6,2);
ALTER TABLE feature_flags ADD COLUMN IF NOT EXISTS visibility_level smallint DEFAULT 1 NOT NULL

-- dbm:down
ALTER TABLE feature_flags DROP COLUMN IF EXISTS visibility_level;
ALTER TABLE feature_flags DROP COLUMN IF EXISTS weight;
