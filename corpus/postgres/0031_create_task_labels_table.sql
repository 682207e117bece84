-- dbm:up
CREATE TABLE task_labels (task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE, label_id integer NOT NULL REFERENCES labels ON DELETE CASCADE, PRIMARY KEY (task_id, label_id));
CREATE INDEX task_labels_label_id_idx ON task_labels (label_id)

-- dbm:down
DROP TABLE task_labels
