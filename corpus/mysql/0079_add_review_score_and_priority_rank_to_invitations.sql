-- dbm:up
ALTER TABLE `invitations` ADD COLUMN `review_score` smallint NULL DEFAULT NULL;
ALTER TABLE `invitations` ADD COLUMN `priority_rank` int NOT NULL DEFAULT 0;

-- dbm:down
ALTER TABLE `invitations` DROP COLUMN `priority_rank`;
ALTER TABLE `invitations` DROP COLUMN `review_score`;
