-- dbm:up
CREATE INDEX documents_legacy_key_idx ON documents (legacy_key) WHERE legacy_key IS NOT NULL;
ALTER TABLE documents ALTER COLUMN tz_offset_minutes DROP NOT NULL;

-- dbm:down
ALTER TABLE documents ALTER COLUMN tz_offset_minutes SET NOT NULL;
DROP INDEX documents_legacy_key_idx;
