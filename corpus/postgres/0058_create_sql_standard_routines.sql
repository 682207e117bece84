-- dbm:up
-- SQL-standard bodies (PostgreSQL 14+): checked at creation, no dollar quotes.
CREATE FUNCTION task_is_overdue(due timestamptz, done timestamptz) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE
        WHEN done IS NOT NULL THEN false
        WHEN due IS NULL THEN false
        ELSE due < now()
    END;
END;

CREATE PROCEDURE close_stale_backlog(grace interval DEFAULT '90 days')
    LANGUAGE sql
BEGIN ATOMIC
    UPDATE tasks SET state = 'WONT_DO', completed_at = now()
     WHERE completed_at IS NULL AND state = 'BACKLOG' AND updated_at < now() - grace;
    INSERT INTO audit_logs (action, target_table, payload)
    VALUES ('close_stale_backlog', 'tasks', jsonb_build_object('grace', grace::text));
END

-- dbm:down
DROP PROCEDURE close_stale_backlog(interval);
DROP FUNCTION task_is_overdue(timestamptz, timestamptz);
