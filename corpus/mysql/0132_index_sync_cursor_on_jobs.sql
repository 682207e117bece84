-- dbm:up
ALTER TABLE `jobs` ADD INDEX `idx_jobs_sync_cursor` (`sync_cursor`);
ALTER TABLE `jobs` MODIFY COLUMN `is_pinned` tinyint(1) NULL DEFAULT 0;

-- dbm:down
ALTER TABLE `jobs` MODIFY COLUMN `is_pinned` tinyint(1) NOT NULL DEFAULT 0;
ALTER TABLE `jobs` DROP INDEX `idx_jobs_sync_cursor`;
