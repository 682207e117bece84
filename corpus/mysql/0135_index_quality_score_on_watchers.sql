-- dbm:up
ALTER TABLE `watchers` ADD INDEX `idx_watchers_quality_score` (`quality_score`);
ALTER TABLE `watchers` MODIFY COLUMN `visibility_level` tinyint NULL DEFAULT 1;

-- dbm:down
ALTER TABLE `watchers` MODIFY COLUMN `visibility_level` tinyint NOT NULL DEFAULT 1;
ALTER TABLE `watchers` DROP INDEX `idx_watchers_quality_score`;
