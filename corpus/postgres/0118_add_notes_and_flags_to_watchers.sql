-- dbm:up
-- nolint:concurrentIndex (no index here, the linter just wants the marker)
ALTER TABLE watchers ADD COLUMN IF NOT EXISTS notes varchar(2000);
ALTER TABLE watchers ADD COLUMN IF NOT EXISTS flags integer DEFAULT 0 NOT NULL

-- dbm:down
ALTER TABLE watchers DROP COLUMN IF EXISTS flags;
ALTER TABLE watchers DROP COLUMN IF EXISTS notes;
