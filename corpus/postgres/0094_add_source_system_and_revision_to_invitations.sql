-- dbm:up
ALTER TABLE ONLY public.invitations
    ADD COLUMN source_system varchar(32),
    ADD COLUMN revision integer DEFAULT 1 NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.invitations DROP COLUMN revision, DROP COLUMN source_system;
