-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'reminders'
        AND table_schema = DATABASE()
        AND column_name = 'import_batch'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE reminders ADD import_batch varchar(40);'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'reminders'
        AND table_schema = DATABASE()
        AND column_name = 'priority_rank'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE reminders ADD priority_rank int NOT NULL DEFAULT 0;'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'reminders'
        AND table_schema = DATABASE()
        AND column_name = 'priority_rank'
    ) > 0,
    'ALTER TABLE reminders DROP COLUMN priority_rank;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'reminders'
        AND table_schema = DATABASE()
        AND column_name = 'import_batch'
    ) > 0,
    'ALTER TABLE reminders DROP COLUMN import_batch;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
