-- dbm:up
ALTER TABLE time_entries RENAME COLUMN review_score TO quality_score;
ALTER TABLE time_entries ALTER COLUMN quality_score TYPE integer USING quality_score::integer;

-- dbm:down
ALTER TABLE time_entries ALTER COLUMN quality_score TYPE smallint USING quality_score::smallint;
ALTER TABLE time_entries RENAME COLUMN quality_score TO review_score;
