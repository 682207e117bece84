-- dbm:up
-- external_reference turned out to be unused; the importer writes to is_pinned instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'accounts'
        AND table_schema = DATABASE()
        AND column_name = 'external_reference'
    ) > 0,
    'ALTER TABLE accounts DROP COLUMN external_reference;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `accounts` ADD COLUMN `external_reference` varchar(191) NULL;
ALTER TABLE `accounts` ADD INDEX `idx_accounts_external_reference` (`external_reference`);
