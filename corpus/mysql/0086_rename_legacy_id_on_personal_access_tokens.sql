-- dbm:up
ALTER TABLE `personal_access_tokens` CHANGE COLUMN `legacy_id` `legacy_key` bigint NULL DEFAULT NULL;

-- dbm:down
ALTER TABLE `personal_access_tokens` CHANGE COLUMN `legacy_key` `legacy_id` int NULL DEFAULT NULL;
