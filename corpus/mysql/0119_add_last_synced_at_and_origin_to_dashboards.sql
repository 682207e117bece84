-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'dashboards'
        AND table_schema = DATABASE()
        AND column_name = 'last_synced_at'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE dashboards ADD last_synced_at datetime;'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'dashboards'
        AND table_schema = DATABASE()
        AND column_name = 'origin'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE dashboards ADD origin varchar(16) NOT NULL DEFAULT \'web\';'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'dashboards'
        AND table_schema = DATABASE()
        AND column_name = 'origin'
    ) > 0,
    'ALTER TABLE dashboards DROP COLUMN origin;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'dashboards'
        AND table_schema = DATABASE()
        AND column_name = 'last_synced_at'
    ) > 0,
    'ALTER TABLE dashboards DROP COLUMN last_synced_at;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
