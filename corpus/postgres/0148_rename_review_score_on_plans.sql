-- dbm:up
ALTER TABLE plans RENAME COLUMN review_score TO quality_score;
ALTER TABLE plans ALTER COLUMN quality_score TYPE integer USING quality_score::integer;

-- dbm:down
ALTER TABLE plans ALTER COLUMN quality_score TYPE smallint USING quality_score::smallint;
ALTER TABLE plans RENAME COLUMN quality_score TO review_score;
