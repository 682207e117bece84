-- dbm:up
ALTER TABLE `tasks` ADD INDEX `idx_tasks_sort_weight` (`sort_weight`);
ALTER TABLE `tasks` MODIFY COLUMN `is_pinned` tinyint(1) NULL DEFAULT 0;

-- dbm:down
ALTER TABLE `tasks` MODIFY COLUMN `is_pinned` tinyint(1) NOT NULL DEFAULT 0;
ALTER TABLE `tasks` DROP INDEX `idx_tasks_sort_weight`;
