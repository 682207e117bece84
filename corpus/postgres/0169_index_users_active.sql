-- dbm:up
CREATE INDEX users_active_idx ON users (account_id) WHERE deleted_at IS NULL AND NOT is_admin;CREATE INDEX IF NOT EXISTS accounts_plan_idx ON accounts (plan_code) WHERE status <> 'closed';

-- dbm:down
DROP INDEX accounts_plan_idx; DROP INDEX users_active_idx;
