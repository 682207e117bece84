-- dbm:up
CREATE TRIGGER projects_after_update AFTER UPDATE ON projects
FOR EACH ROW
BEGIN
  IF NOT (OLD.name <=> NEW.name) OR NOT (OLD.archived <=> NEW.archived) THEN
    INSERT INTO audit_logs (actor, action, target_table, target_id, payload)
    VALUES (@orbit_actor, 'update', 'projects', NEW.id,
            JSON_OBJECT('old', JSON_OBJECT('name', OLD.name, 'archived', OLD.archived),
                        'new', JSON_OBJECT('name', NEW.name, 'archived', NEW.archived),
                        'note', 'it\'s logged; don\'t edit by hand'));
  END IF;
END;

CREATE DEFINER=CURRENT_USER TRIGGER projects_after_delete AFTER DELETE ON projects
FOR EACH ROW
BEGIN
  INSERT INTO audit_logs (actor, action, target_table, target_id, payload)
  VALUES (@orbit_actor, 'delete', 'projects', OLD.id, JSON_OBJECT('key', OLD.`key`, 'name', OLD.name));
END;

-- dbm:down
DROP TRIGGER IF EXISTS projects_after_delete;
DROP TRIGGER IF EXISTS projects_after_update;
