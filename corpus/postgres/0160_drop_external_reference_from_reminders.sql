-- dbm:up
-- external_reference turned out to be unused; the importer writes to revision instead
ALTER TABLE reminders DROP COLUMN IF EXISTS external_reference

-- dbm:down
ALTER TABLE reminders ADD COLUMN external_reference varchar(255);
CREATE INDEX reminders_external_reference_idx ON reminders (external_reference) WHERE external_reference IS NOT NULL;
