-- dbm:up
CREATE TABLE webhooks (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    url text NOT NULL CHECK (url ~ '^https?://'),
    secret bytea NOT NULL DEFAULT gen_random_bytes(32),
    events text[] NOT NULL DEFAULT ARRAY['task.created', 'task.updated']::text[],
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id bigserial PRIMARY KEY,
    webhook_id integer NOT NULL REFERENCES webhooks ON DELETE CASCADE,
    event varchar(60) NOT NULL,
    request_body jsonb NOT NULL,
    response_status smallint,
    response_body text,
    attempt smallint NOT NULL DEFAULT 1,
    delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (webhook_id) WHERE delivered_at IS NULL;

-- dbm:down
DROP TABLE webhook_deliveries;
DROP TABLE webhooks;
