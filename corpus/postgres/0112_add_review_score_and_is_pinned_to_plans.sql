-- dbm:up
ALTER TABLE ONLY public.plans
    ADD COLUMN review_score smallint,
    ADD COLUMN is_pinned boolean DEFAULT false NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.plans DROP COLUMN is_pinned, DROP COLUMN review_score;
