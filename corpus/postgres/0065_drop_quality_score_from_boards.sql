-- dbm:up
-- quality_score turned out to be unused; the importer writes to revision instead
ALTER TABLE boards DROP COLUMN IF EXISTS quality_score

-- dbm:down
ALTER TABLE boards ADD COLUMN quality_score integer;
CREATE INDEX boards_quality_score_idx ON boards (quality_score) WHERE quality_score IS NOT NULL;
