-- dbm:up
ALTER TABLE `tasks` ADD COLUMN `comments_count` int unsigned NOT NULL DEFAULT 0;
CREATE TRIGGER comments_after_insert AFTER INSERT ON comments FOR EACH ROW UPDATE tasks SET comments_count = comments_count + 1 WHERE id = NEW.task_id;
CREATE TRIGGER comments_after_delete AFTER DELETE ON comments FOR EACH ROW UPDATE tasks SET comments_count = GREATEST(CAST(comments_count AS SIGNED) - 1, 0) WHERE id = OLD.task_id;

-- dbm:down
DROP TRIGGER comments_after_delete;
DROP TRIGGER comments_after_insert;
ALTER TABLE `tasks` DROP COLUMN `comments_count`;
