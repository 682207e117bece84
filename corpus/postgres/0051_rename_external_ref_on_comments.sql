-- dbm:up
ALTER TABLE comments RENAME COLUMN external_ref TO external_reference;
ALTER TABLE comments ALTER COLUMN external_reference TYPE varchar(255) USING external_reference::varchar(255);
ALTER TABLE comments ADD CONSTRAINT comments_status_note_check CHECK (char_length(status_note) <= 280) NOT VALID;
ALTER TABLE comments VALIDATE CONSTRAINT comments_status_note_check;

-- dbm:down
ALTER TABLE comments DROP CONSTRAINT comments_status_note_check;
ALTER TABLE comments ALTER COLUMN external_reference TYPE varchar(64) USING external_reference::varchar(64);
ALTER TABLE comments RENAME COLUMN external_reference TO external_ref;
