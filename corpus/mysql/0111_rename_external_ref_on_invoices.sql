-- dbm:up
ALTER TABLE `invoices` CHANGE COLUMN `external_ref` `external_reference` varchar(191) NULL DEFAULT NULL;
ALTER TABLE `invoices` ADD CONSTRAINT `chk_invoices_revision` CHECK (`revision` >= 1);

-- dbm:down
ALTER TABLE `invoices` DROP CONSTRAINT `chk_invoices_revision`;
ALTER TABLE `invoices` CHANGE COLUMN `external_reference` `external_ref` varchar(64) NULL DEFAULT NULL;
