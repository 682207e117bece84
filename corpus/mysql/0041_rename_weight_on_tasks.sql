-- dbm:up
ALTER TABLE `tasks` CHANGE COLUMN `weight` `sort_weight` decimal(10,2) NULL DEFAULT NULL;

-- dbm:down
ALTER TABLE `tasks` CHANGE COLUMN `sort_weight` `weight` decimal(6,2) NULL DEFAULT NULL;
