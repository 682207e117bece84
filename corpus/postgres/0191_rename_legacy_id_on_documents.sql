-- dbm:up
ALTER TABLE documents RENAME COLUMN legacy_id TO legacy_key;

ALTER TABLE documents ALTER COLUMN legacy_key TYPE bigint USING legacy_key::bigint;

ALTER TABLE documents ADD CONSTRAINT documents_tz_offset_minutes_check CHECK (tz_offset_minutes BETWEEN -720 AND 840) NOT VALID;

ALTER TABLE documents VALIDATE CONSTRAINT documents_tz_offset_minutes_check;

-- dbm:down
ALTER TABLE documents DROP CONSTRAINT documents_tz_offset_minutes_check;

ALTER TABLE documents ALTER COLUMN legacy_key TYPE integer USING legacy_key::integer;

ALTER TABLE documents RENAME COLUMN legacy_key TO legacy_id;
