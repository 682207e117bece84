-- dbm:up
CREATE TABLE accounts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    slug slug NOT NULL,
    status account_status NOT NULL DEFAULT 'trial',
    billing_email email_address,
    plan_code varchar(32) NOT NULL DEFAULT 'free',
    seats integer NOT NULL DEFAULT 1 CHECK (seats > 0),
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    trial_ends_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_slug_key UNIQUE (slug)
);

CREATE TRIGGER accounts_set_updated_at BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- dbm:down
DROP TABLE accounts;
