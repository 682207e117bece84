-- dbm:up
CREATE TABLE export_jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    format varchar(8) NOT NULL DEFAULT 'csv',
    filters jsonb,
    file_key text,
    requested_by bigint REFERENCES users ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);

-- dbm:down
DROP TABLE export_jobs;
