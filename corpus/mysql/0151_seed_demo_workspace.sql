-- dbm:up
-- Dumped from a demo install with mysqldump, trimmed by hand.
SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0;

LOCK TABLES `accounts` WRITE;
/*!40000 ALTER TABLE `accounts` DISABLE KEYS */;
INSERT INTO `accounts` (`id`, `uuid`, `name`, `slug`, `status`, `billing_email`, `settings`, `created_at`) VALUES (9001,'00000000-0000-4000-8000-000000000001','Demo & Co.','demo-co','active','billing@demo.example','{\"ui\": {\"theme\": \"dark\"}}','2024-01-01 00:00:00');
/*!40000 ALTER TABLE `accounts` ENABLE KEYS */;
UNLOCK TABLES;

LOCK TABLES `users` WRITE;
INSERT INTO `users` (`id`, `account_id`, `email`, `display_name`) VALUES (9001,9001,'ana@demo.example','Ana O\'Neil'),(9002,9001,'bo@demo.example','Bo \"The Builder\" Li'),(9003,9001,'zoe@demo.example','Zoë');
UNLOCK TABLES;

INSERT INTO `projects` (`id`, `account_id`, `key`, `name`, `description`, `created_at`, `updated_at`)
VALUES (9001, 9001, 'DEMO', 'Demo project', 'First line\nSecond line; with a semicolon', NOW(6), NOW(6));
INSERT INTO `tasks` (`project_id`, `title`, `body`, `priority`, `tags`) VALUES
(9001, 'Task #1', 'Body; with a semicolon and a quote: \'', 'low', '["seed", "demo"]'),
(9001, 'Task #2', 'Path: C:\\Orbit\\tmp', 'urgent', JSON_ARRAY('seed')),
(9001, 'Task #3', NULL, 'high', NULL);
INSERT INTO `attachments` (`id`, `task_id`, `file_name`, `byte_size`, `checksum`, `storage_key`) VALUES
('00000000-0000-4000-8000-0000000000a1', (SELECT MIN(id) FROM tasks WHERE project_id = 9001), 'readme.txt', 42,
 X'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'demo/readme.txt');

SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS;

-- dbm:down
DELETE FROM `attachments` WHERE `id` = '00000000-0000-4000-8000-0000000000a1';
DELETE FROM `tasks` WHERE `project_id` = 9001;
DELETE FROM `projects` WHERE `id` = 9001;
DELETE FROM `users` WHERE `account_id` = 9001;
DELETE FROM `accounts` WHERE `id` = 9001;
