-- dbm:up
ALTER TABLE notifications RENAME COLUMN checksum TO content_hash;
ALTER TABLE notifications ALTER COLUMN content_hash TYPE text USING content_hash::text;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_note_check CHECK (char_length(status_note) <= 280) NOT VALID;
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_status_note_check;

-- dbm:down
ALTER TABLE notifications DROP CONSTRAINT notifications_status_note_check;
ALTER TABLE notifications ALTER COLUMN content_hash TYPE varchar(64) USING content_hash::varchar(64);
ALTER TABLE notifications RENAME COLUMN content_hash TO checksum;
