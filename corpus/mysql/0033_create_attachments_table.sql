-- Creates attachments; generated from the model, then edited by hand
-- dbm:up
CREATE TABLE `attachments` (
  `id` char(36) NOT NULL,
  `task_id` bigint unsigned DEFAULT NULL,
  `comment_id` bigint unsigned DEFAULT NULL,
  `file_name` varchar(255) NOT NULL,
  `content_type` varchar(255) NOT NULL DEFAULT 'application/octet-stream',
  `byte_size` bigint unsigned NOT NULL,
  `checksum` binary(32) NOT NULL,
  `storage_key` varchar(191) NOT NULL,
  `storage_path` varchar(1024) DEFAULT NULL,
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `attachments_storage_key` (`storage_key`),
  KEY `attachments_task_id` (`task_id`),
  CONSTRAINT `attachments_one_owner` CHECK ((`task_id` IS NULL) <> (`comment_id` IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `attachments`;
