-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS notes varchar(2000);
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS origin varchar(16) DEFAULT 'web' NOT NULL

-- dbm:down
ALTER TABLE sessions DROP COLUMN IF EXISTS origin;
ALTER TABLE sessions DROP COLUMN IF EXISTS notes;
