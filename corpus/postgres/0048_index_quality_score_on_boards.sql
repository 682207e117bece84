-- dbm:up
CREATE INDEX boards_quality_score_idx ON boards (quality_score) WHERE quality_score IS NOT NULL;
ALTER TABLE boards ALTER COLUMN revision DROP NOT NULL;

-- dbm:down
ALTER TABLE boards ALTER COLUMN revision SET NOT NULL;
DROP INDEX boards_quality_score_idx;
