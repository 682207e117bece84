-- dbm:up
ALTER TABLE users MODIFY COLUMN display_name varchar(191) NOT NULL DEFAULT '' COMMENT 'Shown in mentions; "@" + this';

-- dbm:down
ALTER TABLE users MODIFY COLUMN display_name varchar(120) NOT NULL DEFAULT '';
