-- dbm:no-transaction
-- dbm:up
-- Built without blocking writes, so this migration runs outside a transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_lower_display_name_idx ON users (lower(display_name) text_pattern_ops);

-- dbm:down
DROP INDEX CONCURRENTLY IF EXISTS users_lower_display_name_idx;
