-- dbm:up
ALTER TABLE `time_entries`
  ADD COLUMN `display_color` varchar(7) DEFAULT NULL,
  ADD COLUMN `is_pinned` tinyint(1) NOT NULL DEFAULT 0

-- dbm:down
ALTER TABLE `time_entries` DROP COLUMN `is_pinned`, DROP COLUMN `display_color`
