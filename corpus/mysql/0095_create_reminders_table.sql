-- dbm:up
CREATE TABLE reminders (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  task_id bigint unsigned NOT NULL,
  user_id bigint unsigned NOT NULL,
  remind_at datetime NOT NULL,
  sent tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY reminders_due (sent, remind_at),
  CONSTRAINT reminders_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
  CONSTRAINT reminders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE reminders;
