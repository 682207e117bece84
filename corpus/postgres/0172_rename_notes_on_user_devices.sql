-- dbm:up
ALTER TABLE user_devices RENAME COLUMN notes TO internal_notes;

ALTER TABLE user_devices ALTER COLUMN internal_notes TYPE text USING internal_notes::text;

ALTER TABLE user_devices ADD CONSTRAINT user_devices_tz_offset_minutes_check CHECK (tz_offset_minutes BETWEEN -720 AND 840) NOT VALID;

ALTER TABLE user_devices VALIDATE CONSTRAINT user_devices_tz_offset_minutes_check;

-- dbm:down
ALTER TABLE user_devices DROP CONSTRAINT user_devices_tz_offset_minutes_check;

ALTER TABLE user_devices ALTER COLUMN internal_notes TYPE varchar(2000) USING internal_notes::varchar(2000);

ALTER TABLE user_devices RENAME COLUMN internal_notes TO notes;
