-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'sprints'
        AND table_schema = DATABASE()
        AND column_name = 'review_score'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE sprints ADD review_score smallint;'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'sprints'
        AND table_schema = DATABASE()
        AND column_name = 'is_locked'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE sprints ADD is_locked boolean NOT NULL DEFAULT false;'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'sprints'
        AND table_schema = DATABASE()
        AND column_name = 'is_locked'
    ) > 0,
    'ALTER TABLE sprints DROP COLUMN is_locked;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'sprints'
        AND table_schema = DATABASE()
        AND column_name = 'review_score'
    ) > 0,
    'ALTER TABLE sprints DROP COLUMN review_score;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
