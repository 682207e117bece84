-- dbm:up
ALTER TABLE api_tokens RENAME COLUMN external_ref TO external_reference;
ALTER TABLE api_tokens ALTER COLUMN external_reference TYPE varchar(255) USING external_reference::varchar(255);
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_retention_days_check CHECK (retention_days > 0) NOT VALID;
ALTER TABLE api_tokens VALIDATE CONSTRAINT api_tokens_retention_days_check;

-- dbm:down
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_retention_days_check;
ALTER TABLE api_tokens ALTER COLUMN external_reference TYPE varchar(64) USING external_reference::varchar(64);
ALTER TABLE api_tokens RENAME COLUMN external_reference TO external_ref;
