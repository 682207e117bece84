-- dbm:up
ALTER TABLE reminders ADD COLUMN external_ref varchar(64);
ALTER TABLE reminders ADD COLUMN revision integer NOT NULL DEFAULT 1;

-- dbm:down
ALTER TABLE reminders DROP COLUMN revision;
ALTER TABLE reminders DROP COLUMN external_ref;
