-- dbm:up
ALTER TABLE `webhooks` ADD COLUMN `source_system` varchar(32) NULL DEFAULT NULL;
ALTER TABLE `webhooks` ADD COLUMN `revision` int NOT NULL DEFAULT 1;

-- dbm:down
ALTER TABLE `webhooks` DROP COLUMN `revision`;
ALTER TABLE `webhooks` DROP COLUMN `source_system`;
