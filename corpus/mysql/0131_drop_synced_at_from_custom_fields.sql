-- dbm:up
-- synced_at turned out to be unused; the importer writes to visibility_level instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'custom_fields'
        AND table_schema = DATABASE()
        AND column_name = 'synced_at'
    ) > 0,
    'ALTER TABLE custom_fields DROP COLUMN synced_at;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `custom_fields` ADD COLUMN `synced_at` datetime(3) NULL;
ALTER TABLE `custom_fields` ADD INDEX `idx_custom_fields_synced_at` (`synced_at`);
