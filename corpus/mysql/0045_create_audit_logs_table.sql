-- dbm:up
-- No foreign keys here: partitioned InnoDB tables cannot have them.
CREATE TABLE `audit_logs` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `occurred_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `actor` varchar(64) DEFAULT NULL,
  `action` varchar(32) NOT NULL,
  `target_table` varchar(64) NOT NULL,
  `target_id` bigint unsigned DEFAULT NULL,
  `payload` json DEFAULT NULL,
  `ip` varbinary(16) DEFAULT NULL,
  PRIMARY KEY (`id`, `occurred_at`),
  KEY `audit_logs_target` (`target_table`, `target_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY RANGE COLUMNS (`occurred_at`) (
  PARTITION p2024 VALUES LESS THAN ('2025-01-01'),
  PARTITION p2025 VALUES LESS THAN ('2026-01-01'),
  PARTITION pmax VALUES LESS THAN (MAXVALUE)
);

-- dbm:down
DROP TABLE `audit_logs`;
