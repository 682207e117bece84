-- dbm:up
CREATE TABLE `projects` (
  `id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `account_id` bigint unsigned NOT NULL,
  `key` varchar(10) NOT NULL,
  `name` varchar(255) NOT NULL,
  `description` text,
  `visibility` enum('private','internal','public') NOT NULL DEFAULT 'private',
  `budget` decimal(14,2) NOT NULL DEFAULT 0.00,
  `starts_on` date DEFAULT NULL,
  `ends_on` date DEFAULT NULL,
  `archived` tinyint(1) NOT NULL DEFAULT 0,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  UNIQUE KEY `index_projects_on_account_id_and_key` (`account_id`, `key`),
  CONSTRAINT `fk_rails_projects_account_id` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`),
  CONSTRAINT `projects_key_format` CHECK (`key` REGEXP '^[A-Z][A-Z0-9]{1,9}$'),
  CONSTRAINT `projects_dates` CHECK (`ends_on` IS NULL OR `starts_on` IS NULL OR `ends_on` >= `starts_on`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `projects`;
