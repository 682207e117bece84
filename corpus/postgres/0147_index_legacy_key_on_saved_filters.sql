-- dbm:up
CREATE INDEX saved_filters_legacy_key_idx ON saved_filters (legacy_key) WHERE legacy_key IS NOT NULL;
ALTER TABLE saved_filters ALTER COLUMN flags DROP NOT NULL;

-- dbm:down
ALTER TABLE saved_filters ALTER COLUMN flags SET NOT NULL;
DROP INDEX saved_filters_legacy_key_idx;
