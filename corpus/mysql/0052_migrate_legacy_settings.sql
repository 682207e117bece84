-- dbm:up
/* Copies the Legacy* rows of Systems into settings, once. Written in the
   create-call-drop style: the procedure only lives for the length of this file. */

CREATE PROCEDURE Migrate_Legacy_Settings ()
BEGIN
DECLARE
	legacy_count INT;
	SELECT COUNT(*) FROM Systems WHERE Name LIKE 'Legacy%' INTO legacy_count;
	IF(legacy_count > 0) THEN
		INSERT IGNORE INTO settings (`key`, `value`, `description`)
		SELECT CONCAT('legacy.', LOWER(Name)), Value, 'Copied from Systems; see Migrate_Legacy_Settings' FROM Systems WHERE Name LIKE 'Legacy%';
	END IF;
END;
	CALL Migrate_Legacy_Settings ();
	DROP PROCEDURE IF EXISTS Migrate_Legacy_Settings;

-- dbm:down
-- data only: nothing to undo
