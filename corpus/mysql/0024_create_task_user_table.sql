-- dbm:up
CREATE TABLE task_user (
  task_id bigint unsigned NOT NULL,
  user_id bigint unsigned NOT NULL,
  assigned_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (task_id, user_id),
  KEY task_user_user_id (user_id),
  CONSTRAINT task_user_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
  CONSTRAINT task_user_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- dbm:down
DROP TABLE task_user;
