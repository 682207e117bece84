-- dbm:up
ALTER TABLE `checklists` ADD INDEX `idx_checklists_import_batch_id` (`import_batch_id`);
ALTER TABLE `checklists` MODIFY COLUMN `revision` int NULL DEFAULT 1;

-- dbm:down
ALTER TABLE `checklists` MODIFY COLUMN `revision` int NOT NULL DEFAULT 1;
ALTER TABLE `checklists` DROP INDEX `idx_checklists_import_batch_id`;
