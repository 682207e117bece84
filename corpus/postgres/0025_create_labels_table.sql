-- dbm:up
CREATE TABLE labels (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name varchar(50) NOT NULL,
    color hex_color NOT NULL DEFAULT '#888888',
    description text DEFAULT ''::text,
    CONSTRAINT labels_name_not_blank CHECK (btrim(name) <> '')
);
CREATE UNIQUE INDEX labels_project_lower_name_key ON labels (project_id, lower(name));

-- dbm:down
DROP TABLE labels;
