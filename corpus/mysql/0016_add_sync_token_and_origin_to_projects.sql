-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'projects'
        AND table_schema = DATABASE()
        AND column_name = 'sync_token'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE projects ADD sync_token varchar(128);'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'projects'
        AND table_schema = DATABASE()
        AND column_name = 'origin'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE projects ADD origin varchar(16) NOT NULL DEFAULT \'web\';'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'projects'
        AND table_schema = DATABASE()
        AND column_name = 'origin'
    ) > 0,
    'ALTER TABLE projects DROP COLUMN origin;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'projects'
        AND table_schema = DATABASE()
        AND column_name = 'sync_token'
    ) > 0,
    'ALTER TABLE projects DROP COLUMN sync_token;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
