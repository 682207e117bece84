-- dbm:up
CREATE OR REPLACE
    ALGORITHM = MERGE
    SQL SECURITY INVOKER
VIEW `open_tasks` AS
SELECT t.id, t.project_id, task_reference(p.`key`, t.number) AS reference, t.title, t.priority, t.due_at
FROM tasks t
JOIN projects p ON p.id = t.project_id
-- done and wont_do are terminal; "in_review" still counts as open
WHERE t.state NOT IN ('done', 'wont_do');

-- dbm:down
DROP VIEW IF EXISTS `open_tasks`;
