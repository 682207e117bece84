-- dbm:up
ALTER TABLE mentions ADD COLUMN last_synced_at timestamp;
ALTER TABLE mentions ADD COLUMN retention_days integer NOT NULL DEFAULT 30;

-- dbm:down
ALTER TABLE mentions DROP COLUMN retention_days;
ALTER TABLE mentions DROP COLUMN last_synced_at;
