-- dbm:up
ALTER TABLE subscriptions RENAME COLUMN display_color TO accent_color;

ALTER TABLE subscriptions ALTER COLUMN accent_color TYPE varchar(16) USING accent_color::varchar(16);

ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_priority_rank_check CHECK (priority_rank >= 0) NOT VALID;

ALTER TABLE subscriptions VALIDATE CONSTRAINT subscriptions_priority_rank_check;

-- dbm:down
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_priority_rank_check;

ALTER TABLE subscriptions ALTER COLUMN accent_color TYPE varchar(7) USING accent_color::varchar(7);

ALTER TABLE subscriptions RENAME COLUMN accent_color TO display_color;
