-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.STATISTICS
        WHERE table_name = 'users'
        AND table_schema = DATABASE()
        AND index_name = 'idx_users_display_name'
    ) > 0,
    'SELECT 1',
    'CREATE INDEX idx_users_display_name ON users(display_name);'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.STATISTICS
        WHERE table_name = 'users'
        AND table_schema = DATABASE()
        AND index_name = 'idx_users_display_name'
    ) > 0,
    'DROP INDEX idx_users_display_name ON users;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
