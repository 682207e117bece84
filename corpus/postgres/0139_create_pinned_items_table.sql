-- dbm:up
CREATE TABLE pinned_items (
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    item_type varchar(20) NOT NULL,
    item_id bigint NOT NULL,
    pinned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_type, item_id)
);

-- dbm:down
DROP TABLE pinned_items;
