-- dbm:up
CREATE TABLE `custom_fields` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `name` varchar(60) NOT NULL,
  `field_type` enum('text','number','date','select','multi_select','user') NOT NULL,
  `options` json DEFAULT NULL,
  `required` tinyint(1) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`),
  CONSTRAINT `custom_fields_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `custom_field_values` (
  `task_id` bigint unsigned NOT NULL,
  `field_id` int unsigned NOT NULL,
  `value` json NOT NULL,
  PRIMARY KEY (`task_id`, `field_id`),
  CONSTRAINT `cfv_task_fk` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE,
  CONSTRAINT `cfv_field_fk` FOREIGN KEY (`field_id`) REFERENCES `custom_fields` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `custom_field_values`;
DROP TABLE `custom_fields`;
