-- dbm:up
ALTER TABLE ONLY public.teams
    ADD COLUMN source_system varchar(32),
    ADD COLUMN status_note text DEFAULT '' NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.teams DROP COLUMN status_note, DROP COLUMN source_system;
