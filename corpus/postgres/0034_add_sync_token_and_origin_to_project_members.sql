-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE project_members ADD COLUMN IF NOT EXISTS sync_token varchar(128);
ALTER TABLE project_members ADD COLUMN IF NOT EXISTS origin varchar(16) DEFAULT 'web' NOT NULL

-- dbm:down
ALTER TABLE project_members DROP COLUMN IF EXISTS origin;
ALTER TABLE project_members DROP COLUMN IF EXISTS sync_token;
