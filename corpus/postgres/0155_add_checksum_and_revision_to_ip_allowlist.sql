-- dbm:up
ALTER TABLE ONLY public.ip_allowlist
    ADD COLUMN checksum varchar(64),
    ADD COLUMN revision integer DEFAULT 1 NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.ip_allowlist DROP COLUMN revision, DROP COLUMN checksum;
