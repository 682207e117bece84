-- dbm:up
CREATE TABLE `label_task` (`label_id` int unsigned NOT NULL, `task_id` bigint unsigned NOT NULL, PRIMARY KEY (`label_id`,`task_id`), KEY `label_task_task_id_foreign` (`task_id`), CONSTRAINT `label_task_label_id_foreign` FOREIGN KEY (`label_id`) REFERENCES `labels` (`id`) ON DELETE CASCADE, CONSTRAINT `label_task_task_id_foreign` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4

-- dbm:down
DROP TABLE `label_task`
