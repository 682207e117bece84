-- Creates subscriptions. Reviewed in ORB-131; see docs/schema.md
-- dbm:up
CREATE TABLE subscriptions (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    plan_code varchar(32) NOT NULL REFERENCES plans (code) ON UPDATE CASCADE,
    seats integer NOT NULL DEFAULT 1,
    current_period tstzrange NOT NULL,
    canceled_at timestamptz,
    provider_ref text
);
CREATE INDEX subscriptions_period_idx ON subscriptions USING gist (current_period);

-- dbm:down
DROP TABLE subscriptions;
