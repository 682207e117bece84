-- dbm:up
-- quality_score turned out to be unused; the importer writes to visibility_level instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'watchers'
        AND table_schema = DATABASE()
        AND column_name = 'quality_score'
    ) > 0,
    'ALTER TABLE watchers DROP COLUMN quality_score;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `watchers` ADD COLUMN `quality_score` int NULL;
ALTER TABLE `watchers` ADD INDEX `idx_watchers_quality_score` (`quality_score`);
