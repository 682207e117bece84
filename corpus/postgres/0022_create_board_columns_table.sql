-- dbm:up
CREATE TABLE board_columns (
    id serial PRIMARY KEY,
    board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    title varchar(60) NOT NULL,
    position integer NOT NULL,
    wip_limit smallint CHECK (wip_limit IS NULL OR wip_limit > 0),
    maps_to_state "TaskState",
    UNIQUE (board_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- dbm:down
DROP TABLE board_columns;
