-- Creates reminders. Reviewed in ORB-136; see docs/schema.md
-- dbm:up
CREATE TABLE reminders (
    id bigserial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    remind_at timestamptz NOT NULL,
    sent boolean NOT NULL DEFAULT false
);
CREATE INDEX reminders_due_idx ON reminders (remind_at) WHERE NOT sent;

-- dbm:down
DROP TABLE reminders;
