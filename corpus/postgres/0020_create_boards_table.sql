-- Creates boards. Reviewed in ORB-106; see docs/schema.md
-- dbm:up
CREATE TABLE boards (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name varchar(100) NOT NULL,
    is_default boolean NOT NULL DEFAULT FALSE,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- at most one default board per project
CREATE UNIQUE INDEX boards_one_default_per_project ON boards (project_id) WHERE is_default;

-- dbm:down
DROP TABLE boards;
