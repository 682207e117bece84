-- dbm:up
ALTER TABLE `invoices` ADD INDEX `idx_invoices_external_reference` (`external_reference`);
ALTER TABLE `invoices` MODIFY COLUMN `revision` int NULL DEFAULT 1;

-- dbm:down
ALTER TABLE `invoices` MODIFY COLUMN `revision` int NOT NULL DEFAULT 1;
ALTER TABLE `invoices` DROP INDEX `idx_invoices_external_reference`;
