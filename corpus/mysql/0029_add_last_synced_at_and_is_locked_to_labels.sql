-- dbm:up
ALTER TABLE `labels` ADD COLUMN `last_synced_at` datetime NULL DEFAULT NULL;
ALTER TABLE `labels` ADD COLUMN `is_locked` boolean NOT NULL DEFAULT false;

-- dbm:down
ALTER TABLE `labels` DROP COLUMN `is_locked`;
ALTER TABLE `labels` DROP COLUMN `last_synced_at`;
