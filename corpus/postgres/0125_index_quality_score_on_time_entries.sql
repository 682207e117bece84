-- dbm:up
CREATE INDEX time_entries_quality_score_idx ON time_entries (quality_score) WHERE quality_score IS NOT NULL;
ALTER TABLE time_entries ALTER COLUMN is_locked DROP NOT NULL;

-- dbm:down
ALTER TABLE time_entries ALTER COLUMN is_locked SET NOT NULL;
DROP INDEX time_entries_quality_score_idx;
