-- dbm:up
-- Fenced: the body has a labelled loop, and fencing is what the docs recommend for bodies
-- one does not want a splitter to guess about.
-- dbm:statement-begin
CREATE PROCEDURE archive_old_notifications(IN keep_days INT)
    MODIFIES SQL DATA
    COMMENT 'Deletes read notifications older than keep_days, 1000 rows at a time'
BEGIN
  DECLARE cutoff DATETIME DEFAULT NOW() - INTERVAL keep_days DAY;
  archive_loop: LOOP
    DELETE FROM notifications WHERE created_at < cutoff AND read_at IS NOT NULL LIMIT 1000;
    IF ROW_COUNT() = 0 THEN
      LEAVE archive_loop;
    END IF;
  END LOOP archive_loop;
END
-- dbm:statement-end

-- dbm:down
DROP PROCEDURE IF EXISTS archive_old_notifications;
