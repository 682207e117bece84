-- dbm:up
-- sync_cursor turned out to be unused; the importer writes to is_pinned instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'jobs'
        AND table_schema = DATABASE()
        AND column_name = 'sync_cursor'
    ) > 0,
    'ALTER TABLE jobs DROP COLUMN sync_cursor;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `jobs` ADD COLUMN `sync_cursor` varchar(255) NULL;
ALTER TABLE `jobs` ADD INDEX `idx_jobs_sync_cursor` (`sync_cursor`);
