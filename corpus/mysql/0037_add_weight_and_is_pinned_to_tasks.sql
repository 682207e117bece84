-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'tasks'
        AND table_schema = DATABASE()
        AND column_name = 'weight'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE tasks ADD weight decimal(6,2);'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'tasks'
        AND table_schema = DATABASE()
        AND column_name = 'is_pinned'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE tasks ADD is_pinned tinyint(1) NOT NULL DEFAULT 0;'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'tasks'
        AND table_schema = DATABASE()
        AND column_name = 'is_pinned'
    ) > 0,
    'ALTER TABLE tasks DROP COLUMN is_pinned;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'tasks'
        AND table_schema = DATABASE()
        AND column_name = 'weight'
    ) > 0,
    'ALTER TABLE tasks DROP COLUMN weight;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
