-- dbm:up
ALTER TABLE settings ADD COLUMN last_synced_at timestamp;
ALTER TABLE settings ADD COLUMN is_pinned boolean NOT NULL DEFAULT false;

-- dbm:down
ALTER TABLE settings DROP COLUMN is_pinned;
ALTER TABLE settings DROP COLUMN last_synced_at;
