-- dbm:up
CREATE TABLE integrations (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    provider varchar(30) NOT NULL,
    config jsonb NOT NULL DEFAULT '{}',
    credentials bytea,
    enabled boolean NOT NULL DEFAULT true,
    UNIQUE (account_id, provider)
);

-- dbm:down
DROP TABLE integrations;
