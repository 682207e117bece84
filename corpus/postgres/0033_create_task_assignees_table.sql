-- Creates task_assignees. Reviewed in ORB-111; see docs/schema.md
-- dbm:up
CREATE TABLE task_assignees (
    task_id bigint NOT NULL,
    user_id bigint NOT NULL,
    assigned_at timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT task_assignees_pkey PRIMARY KEY (task_id, user_id),
    CONSTRAINT task_assignees_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
    CONSTRAINT task_assignees_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- dbm:down
DROP TABLE task_assignees;
