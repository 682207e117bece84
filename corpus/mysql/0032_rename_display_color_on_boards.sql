-- dbm:up
ALTER TABLE `boards` CHANGE COLUMN `display_color` `accent_color` varchar(16) NULL DEFAULT NULL;

-- dbm:down
ALTER TABLE `boards` CHANGE COLUMN `accent_color` `display_color` varchar(7) NULL DEFAULT NULL;
