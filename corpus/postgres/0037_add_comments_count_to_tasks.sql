-- dbm:up
ALTER TABLE tasks ADD COLUMN comments_count integer NOT NULL DEFAULT 0;

CREATE FUNCTION bump_comments_count() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE tasks SET comments_count = comments_count + 1 WHERE id = NEW.task_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE tasks SET comments_count = greatest(comments_count - 1, 0) WHERE id = OLD.task_id;
    END IF;
    RETURN NULL; -- the result is ignored: this is an AFTER trigger
END;
$body$;

CREATE TRIGGER comments_count AFTER INSERT OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION bump_comments_count();

-- dbm:down
DROP TRIGGER comments_count ON comments;
DROP FUNCTION bump_comments_count();
ALTER TABLE tasks DROP COLUMN comments_count;
