-- dbm:up
-- legacy_key turned out to be unused; the importer writes to origin instead
ALTER TABLE checklists DROP COLUMN IF EXISTS legacy_key

-- dbm:down
ALTER TABLE checklists ADD COLUMN legacy_key bigint;
CREATE INDEX checklists_legacy_key_idx ON checklists (legacy_key) WHERE legacy_key IS NOT NULL;
