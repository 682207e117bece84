-- dbm:up
ALTER TABLE ONLY public.pinned_items
    ADD COLUMN source_system varchar(32),
    ADD COLUMN is_pinned boolean DEFAULT false NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.pinned_items DROP COLUMN is_pinned, DROP COLUMN source_system;
