-- dbm:up
CREATE TABLE api_tokens (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    name varchar(80) NOT NULL,
    token_digest bytea NOT NULL UNIQUE,
    scopes text[] NOT NULL DEFAULT '{read}',
    last_used_at timestamptz,
    expires_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (expires_at IS NULL OR expires_at > created_at)
);

-- dbm:down
DROP TABLE api_tokens;
