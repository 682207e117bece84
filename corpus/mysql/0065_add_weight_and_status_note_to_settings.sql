-- dbm:up
ALTER TABLE `settings` ADD COLUMN `weight` decimal(6,2) NULL DEFAULT NULL;
ALTER TABLE `settings` ADD COLUMN `status_note` varchar(280) NOT NULL DEFAULT '';

-- dbm:down
ALTER TABLE `settings` DROP COLUMN `status_note`;
ALTER TABLE `settings` DROP COLUMN `weight`;
