-- dbm:up
CREATE TABLE watchers (task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE, user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE, since timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (task_id, user_id));
CREATE TABLE favorites (user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE, project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE, position smallint NOT NULL DEFAULT 0, PRIMARY KEY (user_id, project_id));

-- dbm:down
DROP TABLE favorites; DROP TABLE watchers;
