-- dbm:up
-- external_reference turned out to be unused; the importer writes to is_locked instead
ALTER TABLE retention_policies DROP COLUMN IF EXISTS external_reference

-- dbm:down
ALTER TABLE retention_policies ADD COLUMN external_reference varchar(255);
CREATE INDEX retention_policies_external_reference_idx ON retention_policies (external_reference) WHERE external_reference IS NOT NULL;
