-- dbm:up
CREATE TABLE IF NOT EXISTS Preferences (
    UserId bigint unsigned NOT NULL,
    Category varchar(32) NOT NULL,
    Name varchar(32) NOT NULL,
    Value text,
    PRIMARY KEY (UserId, Category, Name),
    KEY idx_preferences_category (Category),
    KEY idx_preferences_name (Name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE IF EXISTS Preferences;
