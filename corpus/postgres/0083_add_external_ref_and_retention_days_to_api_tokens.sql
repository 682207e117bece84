-- dbm:up
ALTER TABLE api_tokens ADD COLUMN external_ref varchar(64);
ALTER TABLE api_tokens ADD COLUMN retention_days integer NOT NULL DEFAULT 30;

-- dbm:down
ALTER TABLE api_tokens DROP COLUMN retention_days;
ALTER TABLE api_tokens DROP COLUMN external_ref;
