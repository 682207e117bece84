-- dbm:up
CREATE INDEX plans_quality_score_idx ON plans (quality_score) WHERE quality_score IS NOT NULL;
ALTER TABLE plans ALTER COLUMN is_pinned DROP NOT NULL;

-- dbm:down
ALTER TABLE plans ALTER COLUMN is_pinned SET NOT NULL;
DROP INDEX plans_quality_score_idx;
