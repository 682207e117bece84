-- dbm:up
-- Numbers tasks per project and gives urgent ones a due date; the body holds ; and quotes,
-- which is why this file needs a splitter that knows BEGIN ... END.
CREATE TRIGGER tasks_before_insert BEFORE INSERT ON `tasks`
FOR EACH ROW
BEGIN
    IF NEW.number IS NULL OR NEW.number = 0 THEN
        SET NEW.number = (SELECT COALESCE(MAX(t.number), 0) + 1 FROM tasks t WHERE t.project_id = NEW.project_id);
    END IF;
    CASE NEW.priority
        WHEN 'urgent' THEN SET NEW.due_at = COALESCE(NEW.due_at, NOW() + INTERVAL 1 DAY);
        WHEN 'high' THEN SET NEW.due_at = COALESCE(NEW.due_at, NOW() + INTERVAL 7 DAY);
        ELSE BEGIN END;
    END CASE;
END;

-- dbm:down
DROP TRIGGER IF EXISTS tasks_before_insert;
