-- dbm:up
CREATE INDEX comments_external_reference_idx ON comments (external_reference) WHERE external_reference IS NOT NULL;
ALTER TABLE comments ALTER COLUMN status_note DROP NOT NULL;

-- dbm:down
ALTER TABLE comments ALTER COLUMN status_note SET NOT NULL;
DROP INDEX comments_external_reference_idx;
