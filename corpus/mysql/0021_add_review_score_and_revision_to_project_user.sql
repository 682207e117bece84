-- dbm:up
ALTER TABLE `project_user`
  ADD COLUMN `review_score` smallint DEFAULT NULL,
  ADD COLUMN `revision` int NOT NULL DEFAULT 1

-- dbm:down
ALTER TABLE `project_user` DROP COLUMN `revision`, DROP COLUMN `review_score`
