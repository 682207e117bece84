-- dbm:up
-- quality_score turned out to be unused; the importer writes to revision instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'project_user'
        AND table_schema = DATABASE()
        AND column_name = 'quality_score'
    ) > 0,
    'ALTER TABLE project_user DROP COLUMN quality_score;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `project_user` ADD COLUMN `quality_score` int NULL;
ALTER TABLE `project_user` ADD INDEX `idx_project_user_quality_score` (`quality_score`);
