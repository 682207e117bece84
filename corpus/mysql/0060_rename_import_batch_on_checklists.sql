-- dbm:up
ALTER TABLE `checklists` CHANGE COLUMN `import_batch` `import_batch_id` varchar(80) NULL DEFAULT NULL;
ALTER TABLE `checklists` ADD CONSTRAINT `chk_checklists_revision` CHECK (`revision` >= 1);

-- dbm:down
ALTER TABLE `checklists` DROP CONSTRAINT `chk_checklists_revision`;
ALTER TABLE `checklists` CHANGE COLUMN `import_batch_id` `import_batch` varchar(40) NULL DEFAULT NULL;
