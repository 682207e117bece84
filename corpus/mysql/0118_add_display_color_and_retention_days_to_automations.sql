-- dbm:up
ALTER TABLE `automations` ADD COLUMN `display_color` varchar(7) NULL DEFAULT NULL;
ALTER TABLE `automations` ADD COLUMN `retention_days` int unsigned NOT NULL DEFAULT 30;

-- dbm:down
ALTER TABLE `automations` DROP COLUMN `retention_days`;
ALTER TABLE `automations` DROP COLUMN `display_color`;
