-- dbm:up
ALTER TABLE project_user RENAME COLUMN review_score TO quality_score;
ALTER TABLE project_user MODIFY COLUMN quality_score int;
ALTER TABLE `project_user` ADD CONSTRAINT `chk_project_user_revision` CHECK (`revision` >= 1);

-- dbm:down
ALTER TABLE `project_user` DROP CONSTRAINT `chk_project_user_revision`;
ALTER TABLE project_user MODIFY COLUMN quality_score smallint;
ALTER TABLE project_user RENAME COLUMN quality_score TO review_score;
