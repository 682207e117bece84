-- dbm:up
ALTER TABLE boards RENAME COLUMN review_score TO quality_score;
ALTER TABLE boards ALTER COLUMN quality_score TYPE integer USING quality_score::integer;
ALTER TABLE boards ADD CONSTRAINT boards_revision_check CHECK (revision >= 1) NOT VALID;
ALTER TABLE boards VALIDATE CONSTRAINT boards_revision_check;

-- dbm:down
ALTER TABLE boards DROP CONSTRAINT boards_revision_check;
ALTER TABLE boards ALTER COLUMN quality_score TYPE smallint USING quality_score::smallint;
ALTER TABLE boards RENAME COLUMN quality_score TO review_score;
