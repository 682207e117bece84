-- dbm:up
-- external_reference turned out to be unused; the importer writes to retention_days instead
ALTER TABLE api_tokens DROP COLUMN IF EXISTS external_reference

-- dbm:down
ALTER TABLE api_tokens ADD COLUMN external_reference varchar(255);
CREATE INDEX api_tokens_external_reference_idx ON api_tokens (external_reference) WHERE external_reference IS NOT NULL;
