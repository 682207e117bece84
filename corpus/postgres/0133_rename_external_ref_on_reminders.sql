-- dbm:up
ALTER TABLE reminders RENAME COLUMN external_ref TO external_reference;
ALTER TABLE reminders ALTER COLUMN external_reference TYPE varchar(255) USING external_reference::varchar(255);
ALTER TABLE reminders ADD CONSTRAINT reminders_revision_check CHECK (revision >= 1) NOT VALID;
ALTER TABLE reminders VALIDATE CONSTRAINT reminders_revision_check;

-- dbm:down
ALTER TABLE reminders DROP CONSTRAINT reminders_revision_check;
ALTER TABLE reminders ALTER COLUMN external_reference TYPE varchar(64) USING external_reference::varchar(64);
ALTER TABLE reminders RENAME COLUMN external_reference TO external_ref;
