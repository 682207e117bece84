-- dbm:up
ALTER TABLE `users` CHANGE COLUMN `notes` `internal_notes` text NULL DEFAULT NULL;
ALTER TABLE `users` ADD CONSTRAINT `chk_users_priority_rank` CHECK (`priority_rank` >= 0);

-- dbm:down
ALTER TABLE `users` DROP CONSTRAINT `chk_users_priority_rank`;
ALTER TABLE `users` CHANGE COLUMN `internal_notes` `notes` varchar(1000) NULL DEFAULT NULL;
