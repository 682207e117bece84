-- dbm:up
UPDATE tasks SET position = number * 1024.0 WHERE position = 0;  -- leave room; see "board ordering"
/* the statement above and the one below are separated by this comment only */ UPDATE tasks SET story_points = 1 WHERE story_points IS NULL AND state = 'TODO'

-- dbm:down
-- data only; nothing to undo
