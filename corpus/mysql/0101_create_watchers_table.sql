-- dbm:up
CREATE TABLE `watchers` (`task_id` bigint unsigned NOT NULL, `user_id` bigint unsigned NOT NULL, `since` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`task_id`, `user_id`), CONSTRAINT `watchers_task_fk` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE, CONSTRAINT `watchers_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `favorites` (`user_id` bigint unsigned NOT NULL, `project_id` bigint NOT NULL, `position` smallint NOT NULL DEFAULT 0, PRIMARY KEY (`user_id`, `project_id`), CONSTRAINT `favorites_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE, CONSTRAINT `favorites_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `favorites`; DROP TABLE `watchers`;
