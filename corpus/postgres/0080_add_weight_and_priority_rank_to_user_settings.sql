-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE user_settings ADD COLUMN IF NOT EXISTS weight numeric(6,2);
ALTER TABLE user_settings ADD COLUMN IF NOT EXISTS priority_rank integer DEFAULT 0 NOT NULL

-- dbm:down
ALTER TABLE user_settings DROP COLUMN IF EXISTS priority_rank;
ALTER TABLE user_settings DROP COLUMN IF EXISTS weight;
