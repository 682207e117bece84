-- dbm:up
CREATE DEFINER=CURRENT_USER TRIGGER `documents_before_update` BEFORE UPDATE ON `documents` FOR EACH ROW SET NEW.`revision` = IF(NEW.`body` <=> OLD.`body`, OLD.`revision`, OLD.`revision` + 1);

-- dbm:down
DROP TRIGGER `documents_before_update`;
