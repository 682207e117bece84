-- dbm:up
ALTER TABLE ONLY public.attachments
    ADD COLUMN source_system varchar(32),
    ADD COLUMN retention_days integer DEFAULT 30 NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.attachments DROP COLUMN retention_days, DROP COLUMN source_system;
