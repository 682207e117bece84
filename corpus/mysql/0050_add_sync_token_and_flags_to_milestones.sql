-- dbm:up
ALTER TABLE `milestones` ADD COLUMN `sync_token` varchar(128) NULL DEFAULT NULL;
ALTER TABLE `milestones` ADD COLUMN `flags` int unsigned NOT NULL DEFAULT 0;

-- dbm:down
ALTER TABLE `milestones` DROP COLUMN `flags`;
ALTER TABLE `milestones` DROP COLUMN `sync_token`;
