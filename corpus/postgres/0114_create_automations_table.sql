-- dbm:up
CREATE TABLE automations (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    name varchar(120) NOT NULL,
    trigger_event varchar(40) NOT NULL,
    conditions jsonb NOT NULL DEFAULT '[]',
    actions jsonb NOT NULL,
    enabled boolean NOT NULL DEFAULT true
);
CREATE TABLE automation_runs (
    id bigserial PRIMARY KEY,
    automation_id integer NOT NULL REFERENCES automations ON DELETE CASCADE,
    task_id bigint REFERENCES tasks ON DELETE SET NULL,
    outcome varchar(10) NOT NULL CHECK (outcome IN ('ok', 'skipped', 'error')),
    message text,
    ran_at timestamptz NOT NULL DEFAULT now()
);

-- dbm:down
DROP TABLE automation_runs;
DROP TABLE automations;
