-- dbm:up
CREATE TABLE user_devices (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    platform varchar(10) NOT NULL CHECK (platform IN ('ios', 'android', 'web', 'desktop')),
    push_token text NOT NULL,
    app_version varchar(20),
    last_seen_at timestamptz,
    UNIQUE (platform, push_token)
);

-- dbm:down
DROP TABLE user_devices;
