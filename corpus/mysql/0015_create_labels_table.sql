-- Creates labels; generated from the model, then edited by hand
-- dbm:up
CREATE TABLE `labels` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `name` varchar(50) NOT NULL,
  `color` char(7) NOT NULL DEFAULT '#888888',
  `description` varchar(255) DEFAULT '',
  PRIMARY KEY (`id`),
  UNIQUE KEY `labels_project_name` (`project_id`, `name`),
  CONSTRAINT `labels_color_hex` CHECK (`color` REGEXP '^#[0-9a-fA-F]{6}$'),
  FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `labels`;
