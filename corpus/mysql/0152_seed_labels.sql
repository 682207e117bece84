-- dbm:up
INSERT INTO labels (project_id, name, color, description) VALUES
(9001, 'bug', '#d73a4a', 'Something isn\'t working'),
(9001, 'docs', '#0075ca', 'Improvements or additions to docs\\wiki'),
(9001, 'good first issue', '#7057ff', "Good for newcomers; small & safe");

-- dbm:down
DELETE FROM labels WHERE project_id = 9001;
