-- dbm:up
ALTER TABLE `custom_fields`
  ADD COLUMN `last_synced_at` datetime DEFAULT NULL,
  ADD COLUMN `visibility_level` tinyint NOT NULL DEFAULT 1

-- dbm:down
ALTER TABLE `custom_fields` DROP COLUMN `visibility_level`, DROP COLUMN `last_synced_at`
