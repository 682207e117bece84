-- dbm:up
CREATE TABLE reactions (
    comment_id bigint NOT NULL REFERENCES comments ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    emoji varchar(32) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (comment_id, user_id, emoji)
);

-- dbm:down
DROP TABLE reactions;
