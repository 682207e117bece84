-- dbm:up
-- accent_color turned out to be unused; the importer writes to is_pinned instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'time_entries'
        AND table_schema = DATABASE()
        AND column_name = 'accent_color'
    ) > 0,
    'ALTER TABLE time_entries DROP COLUMN accent_color;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `time_entries` ADD COLUMN `accent_color` varchar(16) NULL;
ALTER TABLE `time_entries` ADD INDEX `idx_time_entries_accent_color` (`accent_color`);
