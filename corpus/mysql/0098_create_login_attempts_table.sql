-- Creates login_attempts; generated from the model, then edited by hand
-- dbm:up
CREATE TABLE `login_attempts` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(191) NOT NULL,
  `ip` varbinary(16) NOT NULL,
  `ip_text` varchar(45) GENERATED ALWAYS AS (inet6_ntoa(`ip`)) VIRTUAL,
  `succeeded` tinyint(1) NOT NULL,
  `attempted_at` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`id`),
  KEY `login_attempts_email_time` (`email`, `attempted_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `login_attempts`;
