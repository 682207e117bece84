-- dbm:up
CREATE TABLE attachments (
    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
    task_id bigint REFERENCES tasks ON DELETE CASCADE,
    comment_id bigint REFERENCES comments ON DELETE CASCADE,
    uploaded_by bigint REFERENCES users ON DELETE SET NULL,
    file_name text NOT NULL,
    content_type varchar(255) NOT NULL DEFAULT 'application/octet-stream',
    byte_size bigint NOT NULL CHECK (byte_size >= 0),
    checksum bytea NOT NULL,
    storage_key text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT attachments_one_owner CHECK (num_nonnulls(task_id, comment_id) = 1)
);

-- dbm:down
DROP TABLE attachments;
