-- dbm:up
ALTER TABLE `documents` ADD COLUMN `legacy_id` int NULL DEFAULT NULL;
ALTER TABLE `documents` ADD COLUMN `is_pinned` tinyint(1) NOT NULL DEFAULT 0;

-- dbm:down
ALTER TABLE `documents` DROP COLUMN `is_pinned`;
ALTER TABLE `documents` DROP COLUMN `legacy_id`;
