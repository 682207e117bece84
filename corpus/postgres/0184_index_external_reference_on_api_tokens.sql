-- dbm:up
CREATE INDEX api_tokens_external_reference_idx ON api_tokens (external_reference) WHERE external_reference IS NOT NULL;
ALTER TABLE api_tokens ALTER COLUMN retention_days DROP NOT NULL;

-- dbm:down
ALTER TABLE api_tokens ALTER COLUMN retention_days SET NOT NULL;
DROP INDEX api_tokens_external_reference_idx;
