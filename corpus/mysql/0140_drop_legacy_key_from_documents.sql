-- dbm:up
-- legacy_key turned out to be unused; the importer writes to is_pinned instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'documents'
        AND table_schema = DATABASE()
        AND column_name = 'legacy_key'
    ) > 0,
    'ALTER TABLE documents DROP COLUMN legacy_key;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `documents` ADD COLUMN `legacy_key` bigint NULL;
ALTER TABLE `documents` ADD INDEX `idx_documents_legacy_key` (`legacy_key`);
