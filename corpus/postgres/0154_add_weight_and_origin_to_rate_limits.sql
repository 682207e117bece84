-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE rate_limits ADD COLUMN IF NOT EXISTS weight numeric(6,2);
ALTER TABLE rate_limits ADD COLUMN IF NOT EXISTS origin varchar(16) DEFAULT 'web' NOT NULL

-- dbm:down
ALTER TABLE rate_limits DROP COLUMN IF EXISTS origin;
ALTER TABLE rate_limits DROP COLUMN IF EXISTS weight;
