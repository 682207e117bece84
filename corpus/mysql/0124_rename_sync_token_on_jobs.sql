-- dbm:up
ALTER TABLE `jobs` CHANGE COLUMN `sync_token` `sync_cursor` varchar(255) NULL DEFAULT NULL;

-- dbm:down
ALTER TABLE `jobs` CHANGE COLUMN `sync_cursor` `sync_token` varchar(128) NULL DEFAULT NULL;
