-- dbm:up
-- origin_system turned out to be unused; the importer writes to revision instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'webhooks'
        AND table_schema = DATABASE()
        AND column_name = 'origin_system'
    ) > 0,
    'ALTER TABLE webhooks DROP COLUMN origin_system;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `webhooks` ADD COLUMN `origin_system` varchar(64) NULL;
ALTER TABLE `webhooks` ADD INDEX `idx_webhooks_origin_system` (`origin_system`);
