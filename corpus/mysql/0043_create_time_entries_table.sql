-- dbm:up
CREATE TABLE `time_entries` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `task_id` bigint unsigned NOT NULL,
  `user_id` bigint unsigned NOT NULL,
  `started_at` datetime NOT NULL,
  `minutes` int unsigned NOT NULL, # can't exceed a day; checked below
  `billable` tinyint(1) NOT NULL DEFAULT 1,
  `hourly_rate` decimal(8,2) DEFAULT NULL, # NULL means the project rate applies
  `note` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `time_entries_user_started` (`user_id`, `started_at`),
  CONSTRAINT `time_entries_task_fk` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE,
  CONSTRAINT `time_entries_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,
  CONSTRAINT `time_entries_minutes` CHECK (`minutes` BETWEEN 1 AND 1440)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `time_entries`;
