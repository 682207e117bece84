-- dbm:up
ALTER TABLE ONLY public.time_entries
    ADD COLUMN review_score smallint,
    ADD COLUMN is_locked boolean DEFAULT false NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.time_entries DROP COLUMN is_locked, DROP COLUMN review_score;
