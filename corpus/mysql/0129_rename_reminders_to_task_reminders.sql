-- dbm:up
RENAME TABLE `reminders` TO `task_reminders`;

-- dbm:down
RENAME TABLE `task_reminders` TO `reminders`;
