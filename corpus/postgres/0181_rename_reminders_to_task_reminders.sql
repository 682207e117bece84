-- dbm:up
ALTER TABLE reminders RENAME TO task_reminders;
ALTER SEQUENCE reminders_id_seq RENAME TO task_reminders_id_seq;
ALTER INDEX reminders_pkey RENAME TO task_reminders_pkey;
ALTER INDEX reminders_due_idx RENAME TO task_reminders_due_idx;

-- dbm:down
ALTER INDEX task_reminders_due_idx RENAME TO reminders_due_idx;
ALTER INDEX task_reminders_pkey RENAME TO reminders_pkey;
ALTER SEQUENCE task_reminders_id_seq RENAME TO reminders_id_seq;
ALTER TABLE task_reminders RENAME TO reminders;
