-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
        WHERE table_name = 'Reactions'
        AND table_schema = DATABASE()
        AND constraint_name = 'fk_reactions_comment'
        AND constraint_type = 'FOREIGN KEY'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE Reactions ADD CONSTRAINT fk_reactions_comment FOREIGN KEY (CommentId) REFERENCES comments (id) ON DELETE CASCADE;'
));

PREPARE addForeignKeyIfNotExists FROM @preparedStatement;
EXECUTE addForeignKeyIfNotExists;
DEALLOCATE PREPARE addForeignKeyIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
        WHERE table_name = 'Reactions'
        AND table_schema = DATABASE()
        AND constraint_name = 'fk_reactions_comment'
    ) > 0,
    'ALTER TABLE Reactions DROP FOREIGN KEY fk_reactions_comment;',
    'SELECT 1'
));
PREPARE dropForeignKeyIfExists FROM @preparedStatement;
EXECUTE dropForeignKeyIfExists;
DEALLOCATE PREPARE dropForeignKeyIfExists;
