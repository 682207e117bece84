-- dbm:up
CREATE TABLE IF NOT EXISTS Reactions (
    UserId bigint unsigned NOT NULL,
    CommentId bigint unsigned NOT NULL,
    EmojiName varchar(64) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    PRIMARY KEY (CommentId, UserId, EmojiName)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE IF EXISTS Reactions;
