-- dbm:up
CREATE TABLE feature_flags (
  name varchar(80) NOT NULL PRIMARY KEY,
  enabled tinyint(1) NOT NULL DEFAULT 0,
  rollout_percent tinyint unsigned NOT NULL DEFAULT 0 CHECK (rollout_percent <= 100),
  description varchar(255) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE feature_flags;
