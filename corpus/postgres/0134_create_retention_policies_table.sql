-- dbm:up
CREATE TABLE retention_policies (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL UNIQUE REFERENCES accounts ON DELETE CASCADE,
    keep_comments interval NOT NULL DEFAULT '5 years',
    keep_audit_logs interval NOT NULL DEFAULT interval '400 days',
    keep_deleted interval NOT NULL DEFAULT '30 days'::interval
);

-- dbm:down
DROP TABLE retention_policies;
