-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'invoices'
        AND table_schema = DATABASE()
        AND column_name = 'external_ref'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE invoices ADD external_ref varchar(64);'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'invoices'
        AND table_schema = DATABASE()
        AND column_name = 'revision'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE invoices ADD revision int NOT NULL DEFAULT 1;'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'invoices'
        AND table_schema = DATABASE()
        AND column_name = 'revision'
    ) > 0,
    'ALTER TABLE invoices DROP COLUMN revision;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'invoices'
        AND table_schema = DATABASE()
        AND column_name = 'external_ref'
    ) > 0,
    'ALTER TABLE invoices DROP COLUMN external_ref;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
