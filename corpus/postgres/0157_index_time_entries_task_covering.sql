-- dbm:no-transaction
-- dbm:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS time_entries_task_idx ON time_entries (task_id) INCLUDE (minutes, billable)

-- dbm:down
DROP INDEX CONCURRENTLY IF EXISTS time_entries_task_idx
