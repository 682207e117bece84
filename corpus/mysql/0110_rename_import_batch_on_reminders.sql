-- dbm:up
ALTER TABLE `reminders` CHANGE COLUMN `import_batch` `import_batch_id` varchar(80) NULL DEFAULT NULL;
ALTER TABLE `reminders` ADD CONSTRAINT `chk_reminders_priority_rank` CHECK (`priority_rank` >= 0);

-- dbm:down
ALTER TABLE `reminders` DROP CONSTRAINT `chk_reminders_priority_rank`;
ALTER TABLE `reminders` CHANGE COLUMN `import_batch_id` `import_batch` varchar(40) NULL DEFAULT NULL;
