-- dbm:up
ALTER TABLE ONLY public.dashboards
    ADD COLUMN review_score smallint,
    ADD COLUMN status_note text DEFAULT '' NOT NULL;

-- dbm:down
ALTER TABLE ONLY public.dashboards DROP COLUMN status_note, DROP COLUMN review_score;
