-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE goals ADD COLUMN IF NOT EXISTS sync_token varchar(128);
ALTER TABLE goals ADD COLUMN IF NOT EXISTS priority_rank integer DEFAULT 0 NOT NULL

-- dbm:down
ALTER TABLE goals DROP COLUMN IF EXISTS priority_rank;
ALTER TABLE goals DROP COLUMN IF EXISTS sync_token;
