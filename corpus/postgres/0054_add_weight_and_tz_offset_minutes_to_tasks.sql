-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS weight numeric(6,2);
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS tz_offset_minutes smallint DEFAULT 0 NOT NULL

-- dbm:down
ALTER TABLE tasks DROP COLUMN IF EXISTS tz_offset_minutes;
ALTER TABLE tasks DROP COLUMN IF EXISTS weight;
