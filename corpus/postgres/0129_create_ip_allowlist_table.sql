-- Creates ip_allowlist. Reviewed in ORB-146; see docs/schema.md
-- dbm:up
CREATE TABLE ip_allowlist (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    network cidr NOT NULL,
    label varchar(80),
    EXCLUDE USING gist (account_id WITH =, network inet_ops WITH &&)
);

-- dbm:down
DROP TABLE ip_allowlist;
