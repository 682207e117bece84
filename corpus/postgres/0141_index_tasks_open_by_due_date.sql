-- dbm:no-transaction
-- dbm:up
CREATE INDEX CONCURRENTLY tasks_open_due_idx ON tasks (project_id, due_at) WHERE completed_at IS NULL;

-- dbm:down
DROP INDEX CONCURRENTLY tasks_open_due_idx;
