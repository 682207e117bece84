-- dbm:up
ALTER TABLE documents RENAME COLUMN legacy_id TO legacy_key;
ALTER TABLE documents MODIFY COLUMN legacy_key bigint;

-- dbm:down
ALTER TABLE documents MODIFY COLUMN legacy_key int;
ALTER TABLE documents RENAME COLUMN legacy_key TO legacy_id;
