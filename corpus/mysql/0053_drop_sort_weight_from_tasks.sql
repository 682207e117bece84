-- dbm:up
-- sort_weight turned out to be unused; the importer writes to is_pinned instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'tasks'
        AND table_schema = DATABASE()
        AND column_name = 'sort_weight'
    ) > 0,
    'ALTER TABLE tasks DROP COLUMN sort_weight;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `tasks` ADD COLUMN `sort_weight` decimal(10,2) NULL;
ALTER TABLE `tasks` ADD INDEX `idx_tasks_sort_weight` (`sort_weight`);
