-- dbm:up
CREATE TABLE `tasks` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `parent_id` bigint unsigned DEFAULT NULL,
  `number` int unsigned NOT NULL DEFAULT 0,
  `title` varchar(500) NOT NULL,
  `body` mediumtext,
  `state` enum('backlog','todo','in_progress','in_review','done','wont_do') NOT NULL DEFAULT 'backlog',
  `priority` enum('low','medium','high','urgent') NOT NULL DEFAULT 'medium',
  `estimate_minutes` int unsigned DEFAULT NULL,
  `story_points` decimal(5,1) DEFAULT NULL,
  `position` double NOT NULL DEFAULT 0,
  `tags` json DEFAULT NULL,
  `due_at` datetime DEFAULT NULL,
  `completed_at` datetime DEFAULT NULL,
  `created_by` bigint unsigned DEFAULT NULL,
  `title_length` int GENERATED ALWAYS AS (char_length(`title`)) VIRTUAL,
  `is_done` tinyint(1) AS (`state` IN ('done', 'wont_do')) STORED,
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `tasks_project_number` (`project_id`, `number`),
  KEY `tasks_parent_id` (`parent_id`),
  KEY `tasks_is_done` (`project_id`, `is_done`),
  CONSTRAINT `tasks_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE,
  CONSTRAINT `tasks_parent_fk` FOREIGN KEY (`parent_id`) REFERENCES `tasks` (`id`) ON DELETE SET NULL,
  CONSTRAINT `tasks_created_by_fk` FOREIGN KEY (`created_by`) REFERENCES `users` (`id`) ON DELETE SET NULL
) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4 COMMENT='Work items; "issues" in the old UI';

-- dbm:down
DROP TABLE `tasks`;
