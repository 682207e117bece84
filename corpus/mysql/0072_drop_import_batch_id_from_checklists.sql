-- dbm:up
-- import_batch_id turned out to be unused; the importer writes to revision instead
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'checklists'
        AND table_schema = DATABASE()
        AND column_name = 'import_batch_id'
    ) > 0,
    'ALTER TABLE checklists DROP COLUMN import_batch_id;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;

-- dbm:down
ALTER TABLE `checklists` ADD COLUMN `import_batch_id` varchar(80) NULL;
ALTER TABLE `checklists` ADD INDEX `idx_checklists_import_batch_id` (`import_batch_id`);
