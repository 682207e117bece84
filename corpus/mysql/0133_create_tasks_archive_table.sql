-- dbm:up
CREATE TABLE IF NOT EXISTS tasks_archive LIKE tasks;
ALTER TABLE tasks_archive ADD COLUMN archived_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP, ENGINE=InnoDB;

-- dbm:down
DROP TABLE IF EXISTS tasks_archive;
