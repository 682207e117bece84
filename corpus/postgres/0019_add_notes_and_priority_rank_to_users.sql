-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE users ADD COLUMN IF NOT EXISTS notes varchar(2000);
ALTER TABLE users ADD COLUMN IF NOT EXISTS priority_rank integer DEFAULT 0 NOT NULL

-- dbm:down
ALTER TABLE users DROP COLUMN IF EXISTS priority_rank;
ALTER TABLE users DROP COLUMN IF EXISTS notes;
