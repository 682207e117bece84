-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE reactions ADD COLUMN IF NOT EXISTS notes varchar(2000);
ALTER TABLE reactions ADD COLUMN IF NOT EXISTS visibility_level smallint DEFAULT 1 NOT NULL

-- dbm:down
ALTER TABLE reactions DROP COLUMN IF EXISTS visibility_level;
ALTER TABLE reactions DROP COLUMN IF EXISTS notes;
