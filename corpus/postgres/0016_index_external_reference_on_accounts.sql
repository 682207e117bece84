-- dbm:up
CREATE INDEX accounts_external_reference_idx ON accounts (external_reference) WHERE external_reference IS NOT NULL;
ALTER TABLE accounts ALTER COLUMN is_pinned DROP NOT NULL;

-- dbm:down
ALTER TABLE accounts ALTER COLUMN is_pinned SET NOT NULL;
DROP INDEX accounts_external_reference_idx;
