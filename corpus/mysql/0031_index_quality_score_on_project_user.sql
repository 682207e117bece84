-- dbm:up
ALTER TABLE `project_user` ADD INDEX `idx_project_user_quality_score` (`quality_score`);
ALTER TABLE `project_user` MODIFY COLUMN `revision` int NULL DEFAULT 1;

-- dbm:down
ALTER TABLE `project_user` MODIFY COLUMN `revision` int NOT NULL DEFAULT 1;
ALTER TABLE `project_user` DROP INDEX `idx_project_user_quality_score`;
