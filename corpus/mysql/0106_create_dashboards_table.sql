-- dbm:up
CREATE TABLE `dashboards` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `owner_id` bigint unsigned NOT NULL,
  `name` varchar(100) NOT NULL,
  `layout` json NOT NULL DEFAULT ('{"columns": 12}'),
  PRIMARY KEY (`id`),
  CONSTRAINT `dashboards_owner_fk` FOREIGN KEY (`owner_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `widgets` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `dashboard_id` int unsigned NOT NULL,
  `kind` varchar(30) NOT NULL,
  `config` json NOT NULL,
  `x` tinyint unsigned NOT NULL DEFAULT 0,
  `y` tinyint unsigned NOT NULL DEFAULT 0,
  `w` tinyint unsigned NOT NULL DEFAULT 4,
  `h` tinyint unsigned NOT NULL DEFAULT 3,
  PRIMARY KEY (`id`),
  CONSTRAINT `widgets_dashboard_fk` FOREIGN KEY (`dashboard_id`) REFERENCES `dashboards` (`id`) ON DELETE CASCADE,
  CONSTRAINT `widgets_width` CHECK (`w` BETWEEN 1 AND 12)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `widgets`;
DROP TABLE `dashboards`;
