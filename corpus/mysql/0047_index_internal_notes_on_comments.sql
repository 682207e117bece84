-- dbm:up
ALTER TABLE `comments` ADD INDEX `idx_comments_internal_notes` (`internal_notes`(100));
ALTER TABLE `comments` MODIFY COLUMN `visibility_level` tinyint NULL DEFAULT 1;

-- dbm:down
ALTER TABLE `comments` MODIFY COLUMN `visibility_level` tinyint NOT NULL DEFAULT 1;
ALTER TABLE `comments` DROP INDEX `idx_comments_internal_notes`;
