-- dbm:up
CREATE TABLE time_entries (
    id bigserial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    started_at timestamptz NOT NULL,
    minutes integer NOT NULL CHECK (minutes > 0 AND minutes <= 24 * 60),
    billable boolean NOT NULL DEFAULT true,
    hourly_rate numeric(8,2),
    note text
);
CREATE INDEX time_entries_user_started_idx ON time_entries (user_id, started_at DESC);

-- dbm:down
DROP TABLE time_entries;
