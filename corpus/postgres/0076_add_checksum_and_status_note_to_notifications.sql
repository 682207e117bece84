-- dbm:up
ALTER TABLE ONLY public.notifications
    ADD COLUMN checksum varchar(64),
    ADD COLUMN status_note text DEFAULT '' NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.notifications DROP COLUMN status_note, DROP COLUMN checksum;
