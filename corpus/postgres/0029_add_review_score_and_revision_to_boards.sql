-- dbm:up
ALTER TABLE ONLY public.boards
    ADD COLUMN review_score smallint,
    ADD COLUMN revision integer DEFAULT 1 NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.boards DROP COLUMN revision, DROP COLUMN review_score;
