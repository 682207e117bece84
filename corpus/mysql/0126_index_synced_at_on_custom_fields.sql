-- dbm:up
ALTER TABLE `custom_fields` ADD INDEX `idx_custom_fields_synced_at` (`synced_at`);
ALTER TABLE `custom_fields` MODIFY COLUMN `visibility_level` tinyint NULL DEFAULT 1;

-- dbm:down
ALTER TABLE `custom_fields` MODIFY COLUMN `visibility_level` tinyint NOT NULL DEFAULT 1;
ALTER TABLE `custom_fields` DROP INDEX `idx_custom_fields_synced_at`;
