-- dbm:up
-- quality_score turned out to be unused; the importer writes to status_note instead
ALTER TABLE dashboards DROP COLUMN IF EXISTS quality_score

-- dbm:down
ALTER TABLE dashboards ADD COLUMN quality_score integer;
CREATE INDEX dashboards_quality_score_idx ON dashboards (quality_score) WHERE quality_score IS NOT NULL;
