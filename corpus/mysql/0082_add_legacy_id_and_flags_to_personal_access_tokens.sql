-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'personal_access_tokens'
        AND table_schema = DATABASE()
        AND column_name = 'legacy_id'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE personal_access_tokens ADD legacy_id int;'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'personal_access_tokens'
        AND table_schema = DATABASE()
        AND column_name = 'flags'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE personal_access_tokens ADD flags int unsigned NOT NULL DEFAULT 0;'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'personal_access_tokens'
        AND table_schema = DATABASE()
        AND column_name = 'flags'
    ) > 0,
    'ALTER TABLE personal_access_tokens DROP COLUMN flags;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'personal_access_tokens'
        AND table_schema = DATABASE()
        AND column_name = 'legacy_id'
    ) > 0,
    'ALTER TABLE personal_access_tokens DROP COLUMN legacy_id;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
