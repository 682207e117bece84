-- Creates goals. Reviewed in ORB-141; see docs/schema.md
-- dbm:up
CREATE TABLE goals (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    parent_id integer REFERENCES goals ON DELETE CASCADE,
    title text NOT NULL,
    target_value numeric,
    current_value numeric NOT NULL DEFAULT 0,
    due_on date
);

-- dbm:down
DROP TABLE goals;
