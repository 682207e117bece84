-- dbm:up
ALTER TABLE custom_fields RENAME COLUMN last_synced_at TO synced_at;
ALTER TABLE custom_fields MODIFY COLUMN synced_at datetime(3);
ALTER TABLE `custom_fields` ADD CONSTRAINT `chk_custom_fields_visibility_level` CHECK (`visibility_level` BETWEEN 0 AND 3);

-- dbm:down
ALTER TABLE `custom_fields` DROP CONSTRAINT `chk_custom_fields_visibility_level`;
ALTER TABLE custom_fields MODIFY COLUMN synced_at datetime;
ALTER TABLE custom_fields RENAME COLUMN synced_at TO last_synced_at;
