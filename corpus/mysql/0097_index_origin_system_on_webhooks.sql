-- dbm:up
ALTER TABLE `webhooks` ADD INDEX `idx_webhooks_origin_system` (`origin_system`);
ALTER TABLE `webhooks` MODIFY COLUMN `revision` int NULL DEFAULT 1;

-- dbm:down
ALTER TABLE `webhooks` MODIFY COLUMN `revision` int NOT NULL DEFAULT 1;
ALTER TABLE `webhooks` DROP INDEX `idx_webhooks_origin_system`;
