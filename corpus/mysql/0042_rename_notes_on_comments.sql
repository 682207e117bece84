-- dbm:up
ALTER TABLE comments RENAME COLUMN notes TO internal_notes;
ALTER TABLE comments MODIFY COLUMN internal_notes text;
ALTER TABLE `comments` ADD CONSTRAINT `chk_comments_visibility_level` CHECK (`visibility_level` BETWEEN 0 AND 3);

-- dbm:down
ALTER TABLE `comments` DROP CONSTRAINT `chk_comments_visibility_level`;
ALTER TABLE comments MODIFY COLUMN internal_notes varchar(1000);
ALTER TABLE comments RENAME COLUMN internal_notes TO notes;
