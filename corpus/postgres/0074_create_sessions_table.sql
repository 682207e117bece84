-- dbm:up
CREATE UNLOGGED TABLE sessions (
    id varchar(64) PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    data bytea,
    user_agent text,
    ip inet,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at_idx ON sessions USING brin (expires_at);

-- dbm:down
DROP TABLE sessions;
