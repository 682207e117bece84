-- dbm:up
ALTER TABLE feature_flags RENAME COLUMN notes TO internal_notes;
ALTER TABLE feature_flags MODIFY COLUMN internal_notes text;

-- dbm:down
ALTER TABLE feature_flags MODIFY COLUMN internal_notes varchar(1000);
ALTER TABLE feature_flags RENAME COLUMN internal_notes TO notes;
