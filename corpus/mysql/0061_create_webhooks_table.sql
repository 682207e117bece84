-- dbm:up
CREATE TABLE `webhooks` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `account_id` bigint unsigned NOT NULL,
  `url` varchar(2048) NOT NULL,
  `secret` varbinary(64) NOT NULL,
  `events` json NOT NULL,
  `active` tinyint(1) NOT NULL DEFAULT 1,
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  CONSTRAINT `webhooks_account_fk` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE,
  CONSTRAINT `webhooks_url_scheme` CHECK (`url` LIKE 'https://%' OR `url` LIKE 'http://%')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `webhook_deliveries` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `webhook_id` int unsigned NOT NULL,
  `event` varchar(60) NOT NULL,
  `request_body` json NOT NULL,
  `response_status` smallint DEFAULT NULL,
  `response_body` mediumtext,
  `attempt` tinyint unsigned NOT NULL DEFAULT 1,
  `delivered_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `webhook_deliveries_pending` (`webhook_id`, `delivered_at`),
  CONSTRAINT `webhook_deliveries_webhook_fk` FOREIGN KEY (`webhook_id`) REFERENCES `webhooks` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `webhook_deliveries`;
DROP TABLE `webhooks`;
