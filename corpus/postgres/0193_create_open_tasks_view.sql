-- dbm:up
CREATE OR REPLACE VIEW open_tasks AS
 SELECT t.id,
    t.project_id,
    (p.key::text || '-'::text) || t.number AS reference,
    t.title,
    t.priority,
    t.due_at,
    task_is_overdue(t.due_at, t.completed_at) AS overdue
   FROM tasks t
     JOIN projects p ON p.id = t.project_id
  WHERE t.state <> ALL (ARRAY['DONE'::"TaskState", 'WONT_DO'::"TaskState"]);

-- dbm:down
DROP VIEW open_tasks;
