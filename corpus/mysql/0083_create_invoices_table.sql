-- dbm:up
CREATE TABLE `invoices` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `account_id` bigint unsigned NOT NULL,
  `number` varchar(20) NOT NULL,
  `currency` char(3) NOT NULL DEFAULT 'EUR',
  `total` decimal(14,2) NOT NULL DEFAULT 0.00,
  `issued_on` date NOT NULL,
  `paid_at` datetime DEFAULT NULL,
  `pdf` longblob,
  PRIMARY KEY (`id`),
  UNIQUE KEY `invoices_number` (`number`),
  CONSTRAINT `invoices_account_fk` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `invoice_lines` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `invoice_id` bigint unsigned NOT NULL,
  `description` varchar(500) NOT NULL,
  `quantity` decimal(10,3) NOT NULL DEFAULT 1.000,
  `unit_price` decimal(12,4) NOT NULL,
  `amount` decimal(14,2) GENERATED ALWAYS AS (round(`quantity` * `unit_price`, 2)) STORED,
  PRIMARY KEY (`id`),
  CONSTRAINT `invoice_lines_invoice_fk` FOREIGN KEY (`invoice_id`) REFERENCES `invoices` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `invoice_lines`;
DROP TABLE `invoices`;
