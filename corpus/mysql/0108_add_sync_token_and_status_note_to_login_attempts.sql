-- dbm:up
ALTER TABLE `login_attempts`
  ADD COLUMN `sync_token` varchar(128) DEFAULT NULL,
  ADD COLUMN `status_note` varchar(280) NOT NULL DEFAULT ''

-- dbm:down
ALTER TABLE `login_attempts` DROP COLUMN `status_note`, DROP COLUMN `sync_token`
