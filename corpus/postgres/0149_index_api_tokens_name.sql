-- dbm:no-transaction
-- dbm:up
-- nolint:concurrentIndex (this table is tiny)
CREATE UNIQUE INDEX CONCURRENTLY api_tokens_active_name_key ON api_tokens (user_id, lower(name)) WHERE revoked_at IS NULL;

-- dbm:down
DROP INDEX CONCURRENTLY IF EXISTS api_tokens_active_name_key;
