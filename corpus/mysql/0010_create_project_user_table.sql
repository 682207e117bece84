-- dbm:up
CREATE TABLE `project_user` (
  `project_id` bigint NOT NULL,
  `user_id` bigint unsigned NOT NULL,
  `role` varchar(16) NOT NULL DEFAULT 'member',
  `notify` boolean NOT NULL DEFAULT true,
  PRIMARY KEY (`project_id`, `user_id`),
  KEY `project_user_user_id_foreign` (`user_id`),
  CONSTRAINT `project_user_project_id_foreign` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE,
  CONSTRAINT `project_user_user_id_foreign` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- dbm:down
DROP TABLE `project_user`;
