-- dbm:up
ALTER TABLE `attachments`
  ADD COLUMN `legacy_id` int DEFAULT NULL,
  ADD COLUMN `origin` varchar(16) NOT NULL DEFAULT 'web'

-- dbm:down
ALTER TABLE `attachments` DROP COLUMN `origin`, DROP COLUMN `legacy_id`
