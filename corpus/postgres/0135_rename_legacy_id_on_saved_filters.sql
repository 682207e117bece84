-- dbm:up
ALTER TABLE saved_filters RENAME COLUMN legacy_id TO legacy_key;

ALTER TABLE saved_filters ALTER COLUMN legacy_key TYPE bigint USING legacy_key::bigint;

-- dbm:down
ALTER TABLE saved_filters ALTER COLUMN legacy_key TYPE integer USING legacy_key::integer;

ALTER TABLE saved_filters RENAME COLUMN legacy_key TO legacy_id;
