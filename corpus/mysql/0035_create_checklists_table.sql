-- dbm:up
CREATE TABLE checklists (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  task_id bigint unsigned NOT NULL,
  title varchar(200) NOT NULL DEFAULT 'Checklist',
  FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE checklist_items (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  checklist_id int unsigned NOT NULL,
  body varchar(500) NOT NULL,
  done boolean NOT NULL DEFAULT FALSE,
  position smallint NOT NULL DEFAULT 0,
  FOREIGN KEY (checklist_id) REFERENCES checklists (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE checklist_items;
DROP TABLE checklists;
