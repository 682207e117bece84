-- dbm:up
-- legacy_key turned out to be unused; the importer writes to flags instead
ALTER TABLE saved_filters DROP COLUMN IF EXISTS legacy_key

-- dbm:down
ALTER TABLE saved_filters ADD COLUMN legacy_key bigint;
CREATE INDEX saved_filters_legacy_key_idx ON saved_filters (legacy_key) WHERE legacy_key IS NOT NULL;
