-- dbm:up
ALTER TABLE invoices ADD COLUMN last_synced_at timestamp;
ALTER TABLE invoices ADD COLUMN status_note text NOT NULL DEFAULT '';

-- dbm:down
ALTER TABLE invoices DROP COLUMN status_note;
ALTER TABLE invoices DROP COLUMN last_synced_at;
