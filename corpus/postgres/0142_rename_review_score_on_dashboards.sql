-- dbm:up
ALTER TABLE dashboards RENAME COLUMN review_score TO quality_score;
ALTER TABLE dashboards ALTER COLUMN quality_score TYPE integer USING quality_score::integer;
ALTER TABLE dashboards ADD CONSTRAINT dashboards_status_note_check CHECK (char_length(status_note) <= 280) NOT VALID;
ALTER TABLE dashboards VALIDATE CONSTRAINT dashboards_status_note_check;

-- dbm:down
ALTER TABLE dashboards DROP CONSTRAINT dashboards_status_note_check;
ALTER TABLE dashboards ALTER COLUMN quality_score TYPE smallint USING quality_score::smallint;
ALTER TABLE dashboards RENAME COLUMN quality_score TO review_score;
