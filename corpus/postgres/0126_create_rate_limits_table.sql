-- dbm:up
CREATE UNLOGGED TABLE rate_limits (
    bucket text NOT NULL,
    window_start timestamptz NOT NULL,
    hits integer NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, window_start)
) WITH (fillfactor = 70);

-- dbm:down
DROP TABLE rate_limits;
