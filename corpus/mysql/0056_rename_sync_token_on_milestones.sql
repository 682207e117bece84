-- dbm:up
ALTER TABLE milestones RENAME COLUMN sync_token TO sync_cursor;
ALTER TABLE milestones MODIFY COLUMN sync_cursor varchar(255);

-- dbm:down
ALTER TABLE milestones MODIFY COLUMN sync_cursor varchar(128);
ALTER TABLE milestones RENAME COLUMN sync_cursor TO sync_token;
