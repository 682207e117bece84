-- dbm:up
ALTER TABLE rate_limits RENAME COLUMN weight TO sort_weight;

ALTER TABLE rate_limits ALTER COLUMN sort_weight TYPE numeric(10,2) USING sort_weight::numeric(10,2);

ALTER TABLE rate_limits ADD CONSTRAINT rate_limits_origin_check CHECK (origin IN ('web', 'api', 'import', 'mobile')) NOT VALID;

ALTER TABLE rate_limits VALIDATE CONSTRAINT rate_limits_origin_check;

-- dbm:down
ALTER TABLE rate_limits DROP CONSTRAINT rate_limits_origin_check;

ALTER TABLE rate_limits ALTER COLUMN sort_weight TYPE numeric(6,2) USING sort_weight::numeric(6,2);

ALTER TABLE rate_limits RENAME COLUMN sort_weight TO weight;
