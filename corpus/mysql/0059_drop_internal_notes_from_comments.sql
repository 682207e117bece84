-- dbm:up
-- internal_notes turned out to be unused; the importer writes to visibility_level instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'comments'
        AND table_schema = DATABASE()
        AND column_name = 'internal_notes'
    ) > 0,
    'ALTER TABLE comments DROP COLUMN internal_notes;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `comments` ADD COLUMN `internal_notes` text NULL;
ALTER TABLE `comments` ADD INDEX `idx_comments_internal_notes` (`internal_notes`(100));
