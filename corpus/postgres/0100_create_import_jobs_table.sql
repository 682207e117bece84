-- dbm:up
CREATE TABLE import_jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    source varchar(20) NOT NULL,
    status varchar(12) NOT NULL DEFAULT 'queued',
    file_path text,
    total_rows integer,
    processed_rows integer NOT NULL DEFAULT 0,
    errors jsonb NOT NULL DEFAULT '[]',
    started_at timestamptz,
    finished_at timestamptz,
    CONSTRAINT import_jobs_status_check CHECK (status IN ('queued', 'running', 'failed', 'done')),
    CONSTRAINT import_jobs_progress_check CHECK (total_rows IS NULL OR processed_rows <= total_rows)
);

-- dbm:down
DROP TABLE import_jobs;
