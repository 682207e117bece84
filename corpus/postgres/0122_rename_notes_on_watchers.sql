-- dbm:up
ALTER TABLE watchers RENAME COLUMN notes TO internal_notes;

ALTER TABLE watchers ALTER COLUMN internal_notes TYPE text USING internal_notes::text;

-- dbm:down
ALTER TABLE watchers ALTER COLUMN internal_notes TYPE varchar(2000) USING internal_notes::varchar(2000);

ALTER TABLE watchers RENAME COLUMN internal_notes TO notes;
