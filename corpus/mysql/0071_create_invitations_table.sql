-- dbm:up
CREATE TABLE `invitations` (
  `id` char(36) NOT NULL,
  `account_id` bigint unsigned NOT NULL,
  `email` varchar(191) NOT NULL,
  `role` enum('owner','admin','member','guest') NOT NULL DEFAULT 'member',
  `token` char(48) NOT NULL,
  `invited_by` bigint unsigned DEFAULT NULL,
  `accepted_at` datetime DEFAULT NULL,
  `expires_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `invitations_token` (`token`),
  KEY `invitations_account_email` (`account_id`, `email`),
  CONSTRAINT `invitations_account_fk` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE,
  CONSTRAINT `invitations_invited_by_fk` FOREIGN KEY (`invited_by`) REFERENCES `users` (`id`) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `invitations`;
