-- dbm:up
ALTER TABLE `accounts` ADD COLUMN `external_ref` varchar(64) NULL DEFAULT NULL;
ALTER TABLE `accounts` ADD COLUMN `is_pinned` tinyint(1) NOT NULL DEFAULT 0;

-- dbm:down
ALTER TABLE `accounts` DROP COLUMN `is_pinned`;
ALTER TABLE `accounts` DROP COLUMN `external_ref`;
