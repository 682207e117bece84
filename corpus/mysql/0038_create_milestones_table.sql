-- dbm:up
CREATE TABLE `milestones` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `title` varchar(200) NOT NULL,
  `due_on` date DEFAULT NULL,
  `closed_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `milestones_project_title` (`project_id`, `title`),
  CONSTRAINT `milestones_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE `tasks`
  ADD COLUMN `milestone_id` int unsigned DEFAULT NULL AFTER `parent_id`,
  ADD KEY `tasks_milestone_id` (`milestone_id`),
  ADD CONSTRAINT `tasks_milestone_fk` FOREIGN KEY (`milestone_id`) REFERENCES `milestones` (`id`) ON DELETE SET NULL;

-- dbm:down
ALTER TABLE `tasks` DROP FOREIGN KEY `tasks_milestone_fk`;
ALTER TABLE `tasks` DROP INDEX `tasks_milestone_id`, DROP COLUMN `milestone_id`;
DROP TABLE `milestones`;
