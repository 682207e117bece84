-- dbm:up
CREATE TABLE mentions (
    id bigserial PRIMARY KEY,
    comment_id bigint NOT NULL REFERENCES comments ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    seen boolean NOT NULL DEFAULT false
);

-- dbm:down
DROP TABLE mentions;
