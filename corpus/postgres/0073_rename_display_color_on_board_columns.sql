-- dbm:up
ALTER TABLE board_columns RENAME COLUMN display_color TO accent_color;

ALTER TABLE board_columns ALTER COLUMN accent_color TYPE varchar(16) USING accent_color::varchar(16);

-- dbm:down
ALTER TABLE board_columns ALTER COLUMN accent_color TYPE varchar(7) USING accent_color::varchar(7);

ALTER TABLE board_columns RENAME COLUMN accent_color TO display_color;
