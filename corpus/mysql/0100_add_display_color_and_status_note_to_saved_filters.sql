-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'saved_filters'
        AND table_schema = DATABASE()
        AND column_name = 'display_color'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE saved_filters ADD display_color varchar(7);'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'saved_filters'
        AND table_schema = DATABASE()
        AND column_name = 'status_note'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE saved_filters ADD status_note varchar(280) NOT NULL DEFAULT \'\';'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'saved_filters'
        AND table_schema = DATABASE()
        AND column_name = 'status_note'
    ) > 0,
    'ALTER TABLE saved_filters DROP COLUMN status_note;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'saved_filters'
        AND table_schema = DATABASE()
        AND column_name = 'display_color'
    ) > 0,
    'ALTER TABLE saved_filters DROP COLUMN display_color;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
