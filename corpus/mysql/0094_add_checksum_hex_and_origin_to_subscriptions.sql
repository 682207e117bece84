-- dbm:up
ALTER TABLE `subscriptions` ADD COLUMN `checksum_hex` char(64) NULL DEFAULT NULL;
ALTER TABLE `subscriptions` ADD COLUMN `origin` varchar(16) NOT NULL DEFAULT 'web';

-- dbm:down
ALTER TABLE `subscriptions` DROP COLUMN `origin`;
ALTER TABLE `subscriptions` DROP COLUMN `checksum_hex`;
