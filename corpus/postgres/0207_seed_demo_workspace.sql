-- dbm:up
-- A demo workspace for new installs. The ids are fixed so the down section can find them.
INSERT INTO accounts (id, name, slug, status, billing_email, settings) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Demo & Co.', 'demo-co', 'active', 'billing@demo.example',
   '{"ui": {"theme": "dark", "density": "compact"}, "week_start": "sunday"}');
INSERT INTO users (account_id, email, display_name) VALUES
  ('00000000-0000-4000-8000-000000000001', 'ana@demo.example', 'Ana O''Neil'),
  ('00000000-0000-4000-8000-000000000001', 'bo@demo.example', 'Bo "The Builder" Li'),
  ('00000000-0000-4000-8000-000000000001', 'zoe@demo.example', U&'Zo\00EB');
WITH p AS (
    INSERT INTO projects (account_id, key, name, description)
    VALUES ('00000000-0000-4000-8000-000000000001', 'DEMO', 'Demo project', E'First line\nSecond line; with a semicolon')
    RETURNING id
)
INSERT INTO tasks (project_id, number, title, body, tags)
SELECT p.id, n, 'Task #' || n, 'Body; with a semicolon and a quote: ''', ARRAY['seed', 'demo']
  FROM p, generate_series(1, 5) AS n;
INSERT INTO tasks (id, project_id, number, title, state)
OVERRIDING SYSTEM VALUE
SELECT 1, id, 100, 'Pinned: read me first', 'TODO' FROM projects WHERE key = 'DEMO';

-- dbm:down
DELETE FROM accounts WHERE id = '00000000-0000-4000-8000-000000000001';
