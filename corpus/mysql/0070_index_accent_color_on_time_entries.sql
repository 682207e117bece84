-- dbm:up
ALTER TABLE `time_entries` ADD INDEX `idx_time_entries_accent_color` (`accent_color`);
ALTER TABLE `time_entries` MODIFY COLUMN `is_pinned` tinyint(1) NULL DEFAULT 0;

-- dbm:down
ALTER TABLE `time_entries` MODIFY COLUMN `is_pinned` tinyint(1) NOT NULL DEFAULT 0;
ALTER TABLE `time_entries` DROP INDEX `idx_time_entries_accent_color`;
