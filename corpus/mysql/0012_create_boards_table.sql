-- dbm:up
CREATE TABLE boards (
  id int unsigned NOT NULL AUTO_INCREMENT,
  project_id bigint NOT NULL,
  name varchar(100) NOT NULL,
  is_default tinyint(1) NOT NULL DEFAULT '0',
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY boards_project_id (project_id),
  CONSTRAINT boards_project_fk FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE board_columns (
  id int unsigned NOT NULL AUTO_INCREMENT,
  board_id int unsigned NOT NULL,
  title varchar(60) NOT NULL,
  position int NOT NULL,
  wip_limit smallint unsigned DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY board_columns_position (board_id, position),
  CONSTRAINT board_columns_board_fk FOREIGN KEY (board_id) REFERENCES boards (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- dbm:down
DROP TABLE board_columns;
DROP TABLE boards;
