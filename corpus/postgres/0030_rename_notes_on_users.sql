-- dbm:up
ALTER TABLE users RENAME COLUMN notes TO internal_notes;

ALTER TABLE users ALTER COLUMN internal_notes TYPE text USING internal_notes::text;

ALTER TABLE users ADD CONSTRAINT users_priority_rank_check CHECK (priority_rank >= 0) NOT VALID;

ALTER TABLE users VALIDATE CONSTRAINT users_priority_rank_check;

-- dbm:down
ALTER TABLE users DROP CONSTRAINT users_priority_rank_check;

ALTER TABLE users ALTER COLUMN internal_notes TYPE varchar(2000) USING internal_notes::varchar(2000);

ALTER TABLE users RENAME COLUMN internal_notes TO notes;
