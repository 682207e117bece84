-- dbm:up
CREATE FUNCTION notify_task_change() RETURNS trigger LANGUAGE plpgsql AS $notify$
BEGIN
    PERFORM pg_notify('task_events', json_build_object(
        'op', lower(TG_OP),
        'id', NEW.id,
        'note', E'it\'s a "task"; payload \\ escaped'
    )::text);
    RETURN NEW;
END;
$notify$;
CREATE TRIGGER tasks_notify AFTER INSERT OR UPDATE OF state, priority ON tasks
    FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION notify_task_change();

-- dbm:down
DROP TRIGGER tasks_notify ON tasks;
DROP FUNCTION notify_task_change();
