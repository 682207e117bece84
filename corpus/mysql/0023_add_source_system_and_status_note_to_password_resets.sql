-- dbm:up
ALTER TABLE `password_resets`
  ADD COLUMN `source_system` varchar(32) DEFAULT NULL,
  ADD COLUMN `status_note` varchar(280) NOT NULL DEFAULT ''

-- dbm:down
ALTER TABLE `password_resets` DROP COLUMN `status_note`, DROP COLUMN `source_system`
