-- dbm:up
CREATE MATERIALIZED VIEW project_stats AS
SELECT p.id AS project_id,
       count(t.id) AS tasks_total,
       count(t.id) FILTER (WHERE t.state = 'DONE') AS tasks_done,
       coalesce(sum(te.minutes), 0) AS minutes_logged
  FROM projects p
  LEFT JOIN tasks t ON t.project_id = p.id
  LEFT JOIN time_entries te ON te.task_id = t.id
 GROUP BY p.id
WITH NO DATA;

CREATE UNIQUE INDEX project_stats_project_id_idx ON project_stats (project_id);
REFRESH MATERIALIZED VIEW project_stats;

-- dbm:down
DROP MATERIALIZED VIEW project_stats;
