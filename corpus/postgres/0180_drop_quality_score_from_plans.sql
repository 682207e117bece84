-- dbm:up
-- quality_score turned out to be unused; the importer writes to is_pinned instead
ALTER TABLE plans DROP COLUMN IF EXISTS quality_score

-- dbm:down
ALTER TABLE plans ADD COLUMN quality_score integer;
CREATE INDEX plans_quality_score_idx ON plans (quality_score) WHERE quality_score IS NOT NULL;
