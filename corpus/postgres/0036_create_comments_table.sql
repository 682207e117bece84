-- dbm:up
CREATE TABLE comments (
    id bigserial,
    task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    author_id bigint REFERENCES users (id) ON DELETE SET NULL,
    parent_id bigint,
    body text NOT NULL,
    body_format varchar(16) NOT NULL DEFAULT 'markdown' CHECK (body_format IN ('markdown', 'plain', 'html')),
    edited_at timestamptz,
    deleted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT comments_pkey PRIMARY KEY (id),
    CONSTRAINT comments_parent_fk FOREIGN KEY (parent_id) REFERENCES comments (id) ON DELETE CASCADE
);
CREATE INDEX comments_task_created_idx ON comments (task_id, created_at DESC) WHERE deleted_at IS NULL;

-- dbm:down
DROP TABLE comments;
