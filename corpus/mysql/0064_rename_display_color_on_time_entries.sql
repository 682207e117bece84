-- dbm:up
ALTER TABLE time_entries RENAME COLUMN display_color TO accent_color;
ALTER TABLE time_entries MODIFY COLUMN accent_color varchar(16);

-- dbm:down
ALTER TABLE time_entries MODIFY COLUMN accent_color varchar(7);
ALTER TABLE time_entries RENAME COLUMN accent_color TO display_color;
