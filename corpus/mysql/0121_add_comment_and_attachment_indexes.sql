-- dbm:up
ALTER TABLE `comments` ADD INDEX `comments_deleted_at` (`deleted_at`), ALGORITHM=INPLACE, LOCK=NONE;
CREATE INDEX attachments_storage_path ON attachments (storage_path(191)) USING BTREE;
CREATE INDEX tasks_due_at_desc ON tasks (due_at DESC, priority)

-- dbm:down
DROP INDEX tasks_due_at_desc ON tasks;
DROP INDEX attachments_storage_path ON attachments;
ALTER TABLE `comments` DROP INDEX `comments_deleted_at`;
