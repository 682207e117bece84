-- Creates subscriptions; generated from the model, then edited by hand
-- dbm:up
CREATE TABLE `subscriptions` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `account_id` bigint unsigned NOT NULL,
  `plan_code` varchar(32) NOT NULL,
  `seats` int unsigned NOT NULL DEFAULT 1,
  `period_start` datetime NOT NULL,
  `period_end` datetime NOT NULL,
  `canceled_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `subscriptions_account_fk` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE,
  CONSTRAINT `subscriptions_plan_fk` FOREIGN KEY (`plan_code`) REFERENCES `plans` (`code`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `subscriptions`;
