-- dbm:up
ALTER TABLE `documents` ADD INDEX `idx_documents_legacy_key` (`legacy_key`);
ALTER TABLE `documents` MODIFY COLUMN `is_pinned` tinyint(1) NULL DEFAULT 0;

-- dbm:down
ALTER TABLE `documents` MODIFY COLUMN `is_pinned` tinyint(1) NOT NULL DEFAULT 0;
ALTER TABLE `documents` DROP INDEX `idx_documents_legacy_key`;
