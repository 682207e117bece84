-- dbm:up
ALTER TABLE `comments` ADD COLUMN `notes` varchar(1000) NULL DEFAULT NULL;
ALTER TABLE `comments` ADD COLUMN `visibility_level` tinyint NOT NULL DEFAULT 1;

-- dbm:down
ALTER TABLE `comments` DROP COLUMN `visibility_level`;
ALTER TABLE `comments` DROP COLUMN `notes`;
