-- dbm:up
ALTER TABLE accounts RENAME COLUMN external_ref TO external_reference;
ALTER TABLE accounts MODIFY COLUMN external_reference varchar(191);

-- dbm:down
ALTER TABLE accounts MODIFY COLUMN external_reference varchar(64);
ALTER TABLE accounts RENAME COLUMN external_reference TO external_ref;
