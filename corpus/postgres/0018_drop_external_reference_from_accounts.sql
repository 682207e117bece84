-- dbm:up
-- external_reference turned out to be unused; the importer writes to is_pinned instead
ALTER TABLE accounts DROP COLUMN IF EXISTS external_reference

-- dbm:down
ALTER TABLE accounts ADD COLUMN external_reference varchar(255);
CREATE INDEX accounts_external_reference_idx ON accounts (external_reference) WHERE external_reference IS NOT NULL;
