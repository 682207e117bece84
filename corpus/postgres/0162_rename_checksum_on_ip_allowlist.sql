-- dbm:up
ALTER TABLE ip_allowlist RENAME COLUMN checksum TO content_hash;
ALTER TABLE ip_allowlist ALTER COLUMN content_hash TYPE text USING content_hash::text;
ALTER TABLE ip_allowlist ADD CONSTRAINT ip_allowlist_revision_check CHECK (revision >= 1) NOT VALID;
ALTER TABLE ip_allowlist VALIDATE CONSTRAINT ip_allowlist_revision_check;

-- dbm:down
ALTER TABLE ip_allowlist DROP CONSTRAINT ip_allowlist_revision_check;
ALTER TABLE ip_allowlist ALTER COLUMN content_hash TYPE varchar(64) USING content_hash::varchar(64);
ALTER TABLE ip_allowlist RENAME COLUMN content_hash TO checksum;
