-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE sprints ADD COLUMN IF NOT EXISTS sync_token varchar(128);
ALTER TABLE sprints ADD COLUMN IF NOT EXISTS flags integer DEFAULT 0 NOT NULL

-- dbm:down
ALTER TABLE sprints DROP COLUMN IF EXISTS flags;
ALTER TABLE sprints DROP COLUMN IF EXISTS sync_token;
