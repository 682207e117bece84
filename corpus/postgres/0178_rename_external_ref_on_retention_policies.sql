-- dbm:up
ALTER TABLE retention_policies RENAME COLUMN external_ref TO external_reference;
ALTER TABLE retention_policies ALTER COLUMN external_reference TYPE varchar(255) USING external_reference::varchar(255);

-- dbm:down
ALTER TABLE retention_policies ALTER COLUMN external_reference TYPE varchar(64) USING external_reference::varchar(64);
ALTER TABLE retention_policies RENAME COLUMN external_reference TO external_ref;
