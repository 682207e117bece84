-- dbm:up
-- external_reference turned out to be unused; the importer writes to status_note instead
ALTER TABLE comments DROP COLUMN IF EXISTS external_reference

-- dbm:down
ALTER TABLE comments ADD COLUMN external_reference varchar(255);
CREATE INDEX comments_external_reference_idx ON comments (external_reference) WHERE external_reference IS NOT NULL;
