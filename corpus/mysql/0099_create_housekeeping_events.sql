-- dbm:up
CREATE EVENT IF NOT EXISTS purge_login_attempts ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 03:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'Keeps 90 days; enable per install' DO DELETE FROM login_attempts WHERE attempted_at < NOW() - INTERVAL 90 DAY;

CREATE EVENT expire_sessions
    ON SCHEDULE EVERY 1 HOUR STARTS '2030-01-01 00:00:00'
    ON COMPLETION PRESERVE
    DISABLE
    DO
BEGIN
    DELETE FROM sessions WHERE last_activity < UNIX_TIMESTAMP() - 86400;
    DELETE FROM cache WHERE expiration < UNIX_TIMESTAMP();
END;

-- dbm:down
DROP EVENT IF EXISTS expire_sessions;
DROP EVENT IF EXISTS purge_login_attempts;
