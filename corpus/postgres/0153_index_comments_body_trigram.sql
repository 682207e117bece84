-- dbm:no-transaction
-- dbm:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_body_trgm_idx ON comments USING gin (body gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS notifications_payload_idx ON notifications USING gin (payload jsonb_path_ops);

-- dbm:down
DROP INDEX CONCURRENTLY IF EXISTS notifications_payload_idx;
DROP INDEX CONCURRENTLY IF EXISTS comments_body_trgm_idx;
