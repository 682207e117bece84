-- dbm:up
ALTER TABLE `watchers` CHANGE COLUMN `review_score` `quality_score` int NULL DEFAULT NULL;
ALTER TABLE `watchers` ADD CONSTRAINT `chk_watchers_visibility_level` CHECK (`visibility_level` BETWEEN 0 AND 3);

-- dbm:down
ALTER TABLE `watchers` DROP CONSTRAINT `chk_watchers_visibility_level`;
ALTER TABLE `watchers` CHANGE COLUMN `quality_score` `review_score` smallint NULL DEFAULT NULL;
