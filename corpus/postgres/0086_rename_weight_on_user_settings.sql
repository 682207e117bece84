-- dbm:up
ALTER TABLE user_settings RENAME COLUMN weight TO sort_weight;

ALTER TABLE user_settings ALTER COLUMN sort_weight TYPE numeric(10,2) USING sort_weight::numeric(10,2);

ALTER TABLE user_settings ADD CONSTRAINT user_settings_priority_rank_check CHECK (priority_rank >= 0) NOT VALID;

ALTER TABLE user_settings VALIDATE CONSTRAINT user_settings_priority_rank_check;

-- dbm:down
ALTER TABLE user_settings DROP CONSTRAINT user_settings_priority_rank_check;

ALTER TABLE user_settings ALTER COLUMN sort_weight TYPE numeric(6,2) USING sort_weight::numeric(6,2);

ALTER TABLE user_settings RENAME COLUMN sort_weight TO weight;
