-- dbm:up
-- external_reference turned out to be unused; the importer writes to revision instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'invoices'
        AND table_schema = DATABASE()
        AND column_name = 'external_reference'
    ) > 0,
    'ALTER TABLE invoices DROP COLUMN external_reference;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `invoices` ADD COLUMN `external_reference` varchar(191) NULL;
ALTER TABLE `invoices` ADD INDEX `idx_invoices_external_reference` (`external_reference`);
