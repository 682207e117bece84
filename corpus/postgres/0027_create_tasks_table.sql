-- dbm:up
CREATE TABLE tasks (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 1),
    project_id bigint NOT NULL,
    parent_id bigint,
    number integer NOT NULL,
    title varchar(500) NOT NULL,
    body text,
    state "TaskState" NOT NULL DEFAULT 'BACKLOG',
    priority "TaskPriority" NOT NULL DEFAULT 'MEDIUM',
    estimate interval,
    story_points numeric(5,1),
    position double precision NOT NULL DEFAULT 0,
    tags text[] NOT NULL DEFAULT '{}',
    due_at timestamptz,
    completed_at timestamptz,
    created_by bigint REFERENCES users (id) ON DELETE SET NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id),
    FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
    FOREIGN KEY (parent_id) REFERENCES tasks (id) ON DELETE SET NULL,
    UNIQUE (project_id, number),
    CHECK (story_points IS NULL OR story_points >= 0)
);

CREATE INDEX tasks_search_idx ON tasks USING gin (search);
CREATE INDEX tasks_tags_idx ON tasks USING gin (tags);
CREATE TRIGGER tasks_set_updated_at BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- dbm:down
DROP TABLE tasks;
