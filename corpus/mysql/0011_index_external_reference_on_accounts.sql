-- dbm:up
ALTER TABLE `accounts` ADD INDEX `idx_accounts_external_reference` (`external_reference`);
ALTER TABLE `accounts` MODIFY COLUMN `is_pinned` tinyint(1) NULL DEFAULT 0;

-- dbm:down
ALTER TABLE `accounts` MODIFY COLUMN `is_pinned` tinyint(1) NOT NULL DEFAULT 0;
ALTER TABLE `accounts` DROP INDEX `idx_accounts_external_reference`;
