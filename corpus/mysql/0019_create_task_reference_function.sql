-- dbm:up
CREATE FUNCTION task_reference(project_key VARCHAR(10), task_number INT UNSIGNED) RETURNS VARCHAR(32) CHARSET utf8mb4
    DETERMINISTIC
    NO SQL
    COMMENT 'PROJ-123 style references; don''t change the format'
BEGIN
    DECLARE ref VARCHAR(32) DEFAULT '';
    SET ref = CONCAT(project_key, '-', task_number);
    RETURN ref;
END;
SELECT task_reference('ORB', 1) AS smoke_test

-- dbm:down
DROP FUNCTION IF EXISTS task_reference;
