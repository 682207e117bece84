-- dbm:up
INSERT INTO labels (project_id, name, color, description)
SELECT id, l.name, l.color, l.description
  FROM projects,
       (VALUES ('bug', '#d73a4a', 'Something isn''t working'),
               ('docs', '#0075ca', E'Improvements or additions to documentation\\wiki'),
               ('good first issue', '#7057ff', $$Good for newcomers; small & safe$$)) AS l (name, color, description)
 WHERE projects.key = 'DEMO'

-- dbm:down
DELETE FROM labels WHERE name IN ('bug', 'docs', 'good first issue');
