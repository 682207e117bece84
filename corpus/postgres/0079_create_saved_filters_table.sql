-- dbm:up
CREATE TABLE saved_filters (
    id serial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    project_id bigint REFERENCES projects ON DELETE CASCADE,
    name varchar(100) NOT NULL,
    query jsonb NOT NULL,
    shared boolean NOT NULL DEFAULT false
);

-- dbm:down
DROP TABLE saved_filters;
