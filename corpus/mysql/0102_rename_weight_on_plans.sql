-- dbm:up
ALTER TABLE `plans` CHANGE COLUMN `weight` `sort_weight` decimal(10,2) NULL DEFAULT NULL;
ALTER TABLE `plans` ADD CONSTRAINT `chk_plans_retention_days` CHECK (`retention_days` > 0);

-- dbm:down
ALTER TABLE `plans` DROP CONSTRAINT `chk_plans_retention_days`;
ALTER TABLE `plans` CHANGE COLUMN `sort_weight` `weight` decimal(6,2) NULL DEFAULT NULL;
