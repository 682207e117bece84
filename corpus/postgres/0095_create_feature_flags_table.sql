-- dbm:up
CREATE TABLE feature_flags (
    name varchar(80) PRIMARY KEY,
    enabled boolean NOT NULL DEFAULT false,
    rollout_percent smallint NOT NULL DEFAULT 0 CHECK (rollout_percent BETWEEN 0 AND 100),
    allow_accounts uuid[] NOT NULL DEFAULT '{}',
    description text
);

-- dbm:down
DROP TABLE feature_flags;
