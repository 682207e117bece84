-- dbm:up
CREATE TABLE sprints (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    name varchar(80) NOT NULL,
    period tstzrange NOT NULL,
    goal text,
    -- two sprints of one project never overlap (needs btree_gist for the = on project_id)
    CONSTRAINT sprints_no_overlap EXCLUDE USING gist (project_id WITH =, period WITH &&)
);
CREATE TABLE sprint_tasks (
    sprint_id integer NOT NULL REFERENCES sprints ON DELETE CASCADE,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    PRIMARY KEY (sprint_id, task_id)
);

-- dbm:down
DROP TABLE sprint_tasks;
DROP TABLE sprints;
