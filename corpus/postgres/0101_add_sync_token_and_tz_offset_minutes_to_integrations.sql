-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE integrations ADD COLUMN IF NOT EXISTS sync_token varchar(128);
ALTER TABLE integrations ADD COLUMN IF NOT EXISTS tz_offset_minutes smallint DEFAULT 0 NOT NULL

-- dbm:down
ALTER TABLE integrations DROP COLUMN IF EXISTS tz_offset_minutes;
ALTER TABLE integrations DROP COLUMN IF EXISTS sync_token;
