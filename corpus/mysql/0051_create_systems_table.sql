-- dbm:up
CREATE TABLE IF NOT EXISTS Systems (
    Name varchar(64) NOT NULL,
    Value text,
    PRIMARY KEY (Name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE IF EXISTS Systems;
