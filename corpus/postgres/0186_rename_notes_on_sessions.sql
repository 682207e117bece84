-- dbm:up
ALTER TABLE sessions RENAME COLUMN notes TO internal_notes;

ALTER TABLE sessions ALTER COLUMN internal_notes TYPE text USING internal_notes::text;

ALTER TABLE sessions ADD CONSTRAINT sessions_origin_check CHECK (origin IN ('web', 'api', 'import', 'mobile')) NOT VALID;

ALTER TABLE sessions VALIDATE CONSTRAINT sessions_origin_check;

-- dbm:down
ALTER TABLE sessions DROP CONSTRAINT sessions_origin_check;

ALTER TABLE sessions ALTER COLUMN internal_notes TYPE varchar(2000) USING internal_notes::varchar(2000);

ALTER TABLE sessions RENAME COLUMN internal_notes TO notes;
