-- dbm:up
COMMENT ON TABLE accounts IS 'Tenants; everything else hangs off an account.';
COMMENT ON TABLE tasks IS 'Work items. "Issues" in the old UI; don''t rename again.';
COMMENT ON COLUMN tasks.estimate IS E'Planned effort as an interval, e.g. \'2 hours\'.\nNULL means "not estimated".';
COMMENT ON COLUMN tasks.position IS U&'Sort key within a board column (\00AB lower first \00BB)';
COMMENT ON COLUMN tasks.tags IS U&'Free-form tags !2014 lower case, no spaces' UESCAPE '!';
COMMENT ON COLUMN tasks.search IS $$Generated from title || ' ' || body; never write to it$$;
COMMENT ON TYPE "TaskState" IS 'Workflow states; WONT_DO and DONE are terminal';
COMMENT ON FUNCTION set_updated_at() IS 'Trigger: updated_at := now() when a row really changes';
COMMENT ON DOMAIN email_address IS $c$Loose check; see the note in create_domains$c$

-- dbm:down
COMMENT ON DOMAIN email_address IS NULL;
COMMENT ON FUNCTION set_updated_at() IS NULL;
COMMENT ON TYPE "TaskState" IS NULL;
COMMENT ON COLUMN tasks.search IS NULL;
COMMENT ON COLUMN tasks.tags IS NULL;
COMMENT ON COLUMN tasks.position IS NULL;
COMMENT ON COLUMN tasks.estimate IS NULL;
COMMENT ON TABLE tasks IS NULL;
COMMENT ON TABLE accounts IS NULL;
