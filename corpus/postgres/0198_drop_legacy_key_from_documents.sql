-- dbm:up
-- legacy_key turned out to be unused; the importer writes to tz_offset_minutes instead
ALTER TABLE documents DROP COLUMN IF EXISTS legacy_key

-- dbm:down
ALTER TABLE documents ADD COLUMN legacy_key bigint;
CREATE INDEX documents_legacy_key_idx ON documents (legacy_key) WHERE legacy_key IS NOT NULL;
