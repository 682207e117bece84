-- dbm:up
ALTER TABLE checklists RENAME COLUMN legacy_id TO legacy_key;

ALTER TABLE checklists ALTER COLUMN legacy_key TYPE bigint USING legacy_key::bigint;

ALTER TABLE checklists ADD CONSTRAINT checklists_origin_check CHECK (origin IN ('web', 'api', 'import', 'mobile')) NOT VALID;

ALTER TABLE checklists VALIDATE CONSTRAINT checklists_origin_check;

-- dbm:down
ALTER TABLE checklists DROP CONSTRAINT checklists_origin_check;

ALTER TABLE checklists ALTER COLUMN legacy_key TYPE integer USING legacy_key::integer;

ALTER TABLE checklists RENAME COLUMN legacy_key TO legacy_id;
