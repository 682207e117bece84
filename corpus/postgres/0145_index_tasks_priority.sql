-- dbm:up
CREATE INDEX tasks_priority_due_idx ON tasks (priority DESC, due_at ASC NULLS LAST);
CREATE INDEX tasks_parent_id_idx ON tasks (parent_id) WHERE parent_id IS NOT NULL

-- dbm:down
DROP INDEX tasks_parent_id_idx;
DROP INDEX tasks_priority_due_idx;
