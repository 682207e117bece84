-- dbm:up
CREATE TABLE saved_filters (
  id int unsigned NOT NULL AUTO_INCREMENT,
  user_id bigint unsigned NOT NULL,
  project_id bigint DEFAULT NULL,
  name varchar(100) NOT NULL,
  query json NOT NULL,
  shared tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY saved_filters_user (user_id),
  CONSTRAINT saved_filters_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT saved_filters_project_fk FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4

-- dbm:down
DROP TABLE saved_filters
