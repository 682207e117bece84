-- dbm:up
DO $$
DECLARE
    missing integer;
BEGIN
    SELECT count(*) INTO missing FROM users WHERE display_name = '';
    IF missing > 0 THEN
        RAISE NOTICE 'users without a display name: % (they''ll see their e-mail; that''s expected)', missing;
    END IF;
END $$;

-- dbm:down
-- nothing to undo: the up section only reports
