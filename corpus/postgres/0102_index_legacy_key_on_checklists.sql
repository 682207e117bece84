-- dbm:up
CREATE INDEX checklists_legacy_key_idx ON checklists (legacy_key) WHERE legacy_key IS NOT NULL;
ALTER TABLE checklists ALTER COLUMN origin DROP NOT NULL;

-- dbm:down
ALTER TABLE checklists ALTER COLUMN origin SET NOT NULL;
DROP INDEX checklists_legacy_key_idx;
