-- dbm:up
ALTER TABLE `sessions`
  ADD COLUMN `import_batch` varchar(40) DEFAULT NULL,
  ADD COLUMN `is_locked` boolean NOT NULL DEFAULT false

-- dbm:down
ALTER TABLE `sessions` DROP COLUMN `is_locked`, DROP COLUMN `import_batch`
