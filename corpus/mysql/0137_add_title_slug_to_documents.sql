-- dbm:up
ALTER TABLE `documents`
  ADD COLUMN `title_slug` varchar(300) AS (LOWER(REPLACE(TRIM(`title`), ' ', '-'))) VIRTUAL,
  ADD INDEX `documents_title_slug` (`title_slug`);

-- dbm:down
ALTER TABLE `documents` DROP INDEX `documents_title_slug`, DROP COLUMN `title_slug`;
