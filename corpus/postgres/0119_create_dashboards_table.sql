-- dbm:up
CREATE TABLE dashboards (
    id serial PRIMARY KEY,
    owner_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    name varchar(100) NOT NULL,
    layout jsonb NOT NULL DEFAULT '{"columns": 12}'::jsonb
);
CREATE TABLE widgets (
    id serial PRIMARY KEY,
    dashboard_id integer NOT NULL REFERENCES dashboards ON DELETE CASCADE,
    kind varchar(30) NOT NULL,
    config jsonb NOT NULL DEFAULT '{}',
    x smallint NOT NULL DEFAULT 0,
    y smallint NOT NULL DEFAULT 0,
    w smallint NOT NULL DEFAULT 4 CHECK (w BETWEEN 1 AND 12),
    h smallint NOT NULL DEFAULT 3
);

-- dbm:down
DROP TABLE widgets;
DROP TABLE dashboards;
