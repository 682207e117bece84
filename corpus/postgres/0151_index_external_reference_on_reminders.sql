-- dbm:up
CREATE INDEX reminders_external_reference_idx ON reminders (external_reference) WHERE external_reference IS NOT NULL;
ALTER TABLE reminders ALTER COLUMN revision DROP NOT NULL;

-- dbm:down
ALTER TABLE reminders ALTER COLUMN revision SET NOT NULL;
DROP INDEX reminders_external_reference_idx;
