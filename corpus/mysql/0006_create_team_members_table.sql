-- dbm:up
CREATE TABLE IF NOT EXISTS TeamMembers (
    TeamId varchar(26) NOT NULL,
    UserId bigint unsigned NOT NULL,
    Roles varchar(64) DEFAULT NULL,
    DeleteAt bigint(20) DEFAULT NULL,
    SchemeUser tinyint(4) DEFAULT NULL,
    SchemeAdmin tinyint(4) DEFAULT NULL,
    PRIMARY KEY (TeamId, UserId),
    KEY idx_teammembers_user_id (UserId),
    KEY idx_teammembers_delete_at (DeleteAt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE IF EXISTS TeamMembers;
