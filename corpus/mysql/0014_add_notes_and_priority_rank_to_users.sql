-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'users'
        AND table_schema = DATABASE()
        AND column_name = 'notes'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE users ADD notes varchar(1000);'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'users'
        AND table_schema = DATABASE()
        AND column_name = 'priority_rank'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE users ADD priority_rank int NOT NULL DEFAULT 0;'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'users'
        AND table_schema = DATABASE()
        AND column_name = 'priority_rank'
    ) > 0,
    'ALTER TABLE users DROP COLUMN priority_rank;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'users'
        AND table_schema = DATABASE()
        AND column_name = 'notes'
    ) > 0,
    'ALTER TABLE users DROP COLUMN notes;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
