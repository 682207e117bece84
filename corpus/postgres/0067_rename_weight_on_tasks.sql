-- dbm:up
ALTER TABLE tasks RENAME COLUMN weight TO sort_weight;

ALTER TABLE tasks ALTER COLUMN sort_weight TYPE numeric(10,2) USING sort_weight::numeric(10,2);

ALTER TABLE tasks ADD CONSTRAINT tasks_tz_offset_minutes_check CHECK (tz_offset_minutes BETWEEN -720 AND 840) NOT VALID;

ALTER TABLE tasks VALIDATE CONSTRAINT tasks_tz_offset_minutes_check;

-- dbm:down
ALTER TABLE tasks DROP CONSTRAINT tasks_tz_offset_minutes_check;

ALTER TABLE tasks ALTER COLUMN sort_weight TYPE numeric(6,2) USING sort_weight::numeric(6,2);

ALTER TABLE tasks RENAME COLUMN sort_weight TO weight;
