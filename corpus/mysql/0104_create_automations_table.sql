-- dbm:up
CREATE TABLE `automations` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `name` varchar(120) NOT NULL,
  `trigger_event` varchar(40) NOT NULL,
  `conditions` json NOT NULL,
  `actions` json NOT NULL,
  `enabled` tinyint(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`),
  CONSTRAINT `automations_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `automations`;
