-- dbm:up
ALTER TABLE automations RENAME COLUMN display_color TO accent_color;
ALTER TABLE automations MODIFY COLUMN accent_color varchar(16);
ALTER TABLE `automations` ADD CONSTRAINT `chk_automations_retention_days` CHECK (`retention_days` > 0);

-- dbm:down
ALTER TABLE `automations` DROP CONSTRAINT `chk_automations_retention_days`;
ALTER TABLE automations MODIFY COLUMN accent_color varchar(7);
ALTER TABLE automations RENAME COLUMN accent_color TO display_color;
