-- Creates user_settings. Reviewed in ORB-121; see docs/schema.md
-- dbm:up
CREATE TABLE user_settings (
    user_id bigint PRIMARY KEY REFERENCES users ON DELETE CASCADE,
    theme varchar(10) NOT NULL DEFAULT 'system',
    week_starts_on smallint NOT NULL DEFAULT 1,
    email_digest varchar(10) NOT NULL DEFAULT 'daily',
    shortcuts jsonb NOT NULL DEFAULT '[]',
    CHECK (week_starts_on BETWEEN 0 AND 6)
);

-- dbm:down
DROP TABLE user_settings;
