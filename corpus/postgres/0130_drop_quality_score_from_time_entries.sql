-- dbm:up
-- quality_score turned out to be unused; the importer writes to is_locked instead
ALTER TABLE time_entries DROP COLUMN IF EXISTS quality_score

-- dbm:down
ALTER TABLE time_entries ADD COLUMN quality_score integer;
CREATE INDEX time_entries_quality_score_idx ON time_entries (quality_score) WHERE quality_score IS NOT NULL;
