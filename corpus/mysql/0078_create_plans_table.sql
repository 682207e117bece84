-- dbm:up
CREATE TABLE `plans` (
  `code` varchar(32) NOT NULL,
  `name` varchar(60) NOT NULL,
  `monthly_price` decimal(10,2) NOT NULL,
  `yearly_price` decimal(10,2) AS (ROUND(`monthly_price` * 12 * 0.85, 2)) PERSISTENT,
  `features` json NOT NULL DEFAULT ('{}'),
  `public` tinyint(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE `plans`;
