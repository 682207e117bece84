-- Creates users. Reviewed in ORB-101; see docs/schema.md
-- dbm:up
CREATE TABLE users (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email email_address NOT NULL,
    display_name varchar(120) NOT NULL DEFAULT '',
    password_digest text,
    locale varchar(10) NOT NULL DEFAULT 'en',
    time_zone text NOT NULL DEFAULT 'Etc/UTC',
    is_admin boolean NOT NULL DEFAULT false,
    failed_logins smallint NOT NULL DEFAULT 0,
    avatar bytea,
    last_seen_at timestamp with time zone,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    UNIQUE (account_id, email),
    CHECK (failed_logins >= 0)
);
CREATE INDEX users_email_trgm_idx ON users USING gin ((email::text) gin_trgm_ops);
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE PROCEDURE set_updated_at();

-- dbm:down
DROP TABLE IF EXISTS users;
