-- dbm:up
ALTER TABLE calendar_events RENAME COLUMN display_color TO accent_color;

ALTER TABLE calendar_events ALTER COLUMN accent_color TYPE varchar(16) USING accent_color::varchar(16);

ALTER TABLE calendar_events ADD CONSTRAINT calendar_events_visibility_level_check CHECK (visibility_level BETWEEN 0 AND 3) NOT VALID;

ALTER TABLE calendar_events VALIDATE CONSTRAINT calendar_events_visibility_level_check;

-- dbm:down
ALTER TABLE calendar_events DROP CONSTRAINT calendar_events_visibility_level_check;

ALTER TABLE calendar_events ALTER COLUMN accent_color TYPE varchar(7) USING accent_color::varchar(7);

ALTER TABLE calendar_events RENAME COLUMN accent_color TO display_color;
