-- dbm:up
CREATE TABLE checklists (
    id serial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    title varchar(200) NOT NULL DEFAULT 'Checklist'
);
CREATE TABLE checklist_items (
    id serial PRIMARY KEY,
    checklist_id integer NOT NULL REFERENCES checklists ON DELETE CASCADE,
    body varchar(500) NOT NULL,
    done boolean NOT NULL DEFAULT false,
    position smallint NOT NULL DEFAULT 0
);

-- dbm:down
DROP TABLE checklist_items;
DROP TABLE checklists;
