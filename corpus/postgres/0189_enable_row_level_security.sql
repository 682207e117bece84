-- dbm:up
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;

-- The application sets orbit.account_id per request; superusers bypass RLS anyway.
CREATE POLICY projects_by_account ON projects
    USING (account_id = nullif(current_setting('orbit.account_id', true), '')::uuid);
CREATE POLICY "Tasks follow their project" ON tasks FOR ALL
    USING (EXISTS (SELECT 1 FROM projects p WHERE p.id = tasks.project_id))
    WITH CHECK (EXISTS (SELECT 1 FROM projects p WHERE p.id = tasks.project_id));

-- dbm:down
DROP POLICY "Tasks follow their project" ON tasks;
DROP POLICY projects_by_account ON projects;
ALTER TABLE tasks DISABLE ROW LEVEL SECURITY;
ALTER TABLE projects DISABLE ROW LEVEL SECURITY;
