-- dbm:up
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.STATISTICS
        WHERE table_name = 'invitations'
        AND table_schema = DATABASE()
        AND index_name = 'invitations_open_email'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE invitations ADD UNIQUE INDEX invitations_open_email (account_id, email, accepted_at);'
));

PREPARE alterIfNotExists FROM @preparedStatement;
EXECUTE alterIfNotExists;
DEALLOCATE PREPARE alterIfNotExists;

-- dbm:down
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.STATISTICS
        WHERE table_name = 'invitations'
        AND table_schema = DATABASE()
        AND index_name = 'invitations_open_email'
    ) > 0,
    'ALTER TABLE invitations DROP INDEX invitations_open_email;',
    'SELECT 1'
));

PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
