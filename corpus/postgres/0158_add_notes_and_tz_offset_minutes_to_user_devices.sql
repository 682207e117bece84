-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE user_devices ADD COLUMN IF NOT EXISTS notes varchar(2000);
ALTER TABLE user_devices ADD COLUMN IF NOT EXISTS tz_offset_minutes smallint DEFAULT 0 NOT NULL

-- dbm:down
ALTER TABLE user_devices DROP COLUMN IF EXISTS tz_offset_minutes;
ALTER TABLE user_devices DROP COLUMN IF EXISTS notes;
