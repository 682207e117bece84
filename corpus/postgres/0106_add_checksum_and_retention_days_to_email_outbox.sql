-- dbm:up
ALTER TABLE ONLY public.email_outbox
    ADD COLUMN checksum varchar(64),
    ADD COLUMN retention_days integer DEFAULT 30 NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.email_outbox DROP COLUMN retention_days, DROP COLUMN checksum;
