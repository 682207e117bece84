-- dbm:up
CREATE INDEX retention_policies_external_reference_idx ON retention_policies (external_reference) WHERE external_reference IS NOT NULL;
ALTER TABLE retention_policies ALTER COLUMN is_locked DROP NOT NULL;

-- dbm:down
ALTER TABLE retention_policies ALTER COLUMN is_locked SET NOT NULL;
DROP INDEX retention_policies_external_reference_idx;
