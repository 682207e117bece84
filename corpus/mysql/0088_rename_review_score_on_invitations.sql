-- dbm:up
ALTER TABLE invitations RENAME COLUMN review_score TO quality_score;
ALTER TABLE invitations MODIFY COLUMN quality_score int;
ALTER TABLE `invitations` ADD CONSTRAINT `chk_invitations_priority_rank` CHECK (`priority_rank` >= 0);

-- dbm:down
ALTER TABLE `invitations` DROP CONSTRAINT `chk_invitations_priority_rank`;
ALTER TABLE invitations MODIFY COLUMN quality_score smallint;
ALTER TABLE invitations RENAME COLUMN quality_score TO review_score;
