-- dbm:up
ALTER TABLE email_outbox RENAME COLUMN checksum TO content_hash;
ALTER TABLE email_outbox ALTER COLUMN content_hash TYPE text USING content_hash::text;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_retention_days_check CHECK (retention_days > 0) NOT VALID;
ALTER TABLE email_outbox VALIDATE CONSTRAINT email_outbox_retention_days_check;

-- dbm:down
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_retention_days_check;
ALTER TABLE email_outbox ALTER COLUMN content_hash TYPE varchar(64) USING content_hash::varchar(64);
ALTER TABLE email_outbox RENAME COLUMN content_hash TO checksum;
