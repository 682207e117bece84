-- Creates settings; generated from the model, then edited by hand
-- dbm:up
CREATE TABLE `settings` (
  `key` varchar(100) NOT NULL,
  `value` text,
  `value_type` enum('string','integer','boolean','json') NOT NULL DEFAULT 'string',
  `description` varchar(500) DEFAULT NULL,
  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `settings`;
