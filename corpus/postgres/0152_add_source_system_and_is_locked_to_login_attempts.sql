-- dbm:up
ALTER TABLE ONLY public.login_attempts
    ADD COLUMN source_system varchar(32),
    ADD COLUMN is_locked boolean DEFAULT false NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.login_attempts DROP COLUMN is_locked, DROP COLUMN source_system;
