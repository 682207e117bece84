-- dbm:up
ALTER TABLE `feature_flags`
  ADD COLUMN `notes` varchar(1000) DEFAULT NULL,
  ADD COLUMN `flags` int unsigned NOT NULL DEFAULT 0

-- dbm:down
ALTER TABLE `feature_flags` DROP COLUMN `flags`, DROP COLUMN `notes`
