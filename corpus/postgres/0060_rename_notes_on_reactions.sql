-- dbm:up
ALTER TABLE reactions RENAME COLUMN notes TO internal_notes;

ALTER TABLE reactions ALTER COLUMN internal_notes TYPE text USING internal_notes::text;

ALTER TABLE reactions ADD CONSTRAINT reactions_visibility_level_check CHECK (visibility_level BETWEEN 0 AND 3) NOT VALID;

ALTER TABLE reactions VALIDATE CONSTRAINT reactions_visibility_level_check;

-- dbm:down
ALTER TABLE reactions DROP CONSTRAINT reactions_visibility_level_check;

ALTER TABLE reactions ALTER COLUMN internal_notes TYPE varchar(2000) USING internal_notes::varchar(2000);

ALTER TABLE reactions RENAME COLUMN internal_notes TO notes;
