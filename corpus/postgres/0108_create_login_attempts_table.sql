-- dbm:up
CREATE TABLE login_attempts (
    id bigserial PRIMARY KEY,
    email citext NOT NULL,
    ip inet NOT NULL,
    network cidr GENERATED ALWAYS AS (set_masklen(network(set_masklen(ip, 24)), 24)::cidr) STORED,
    succeeded boolean NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_ip_idx ON login_attempts USING gist (ip inet_ops);

-- dbm:down
DROP TABLE login_attempts;
