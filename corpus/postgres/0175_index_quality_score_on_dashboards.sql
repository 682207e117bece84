-- dbm:up
CREATE INDEX dashboards_quality_score_idx ON dashboards (quality_score) WHERE quality_score IS NOT NULL;
ALTER TABLE dashboards ALTER COLUMN status_note DROP NOT NULL;

-- dbm:down
ALTER TABLE dashboards ALTER COLUMN status_note SET NOT NULL;
DROP INDEX dashboards_quality_score_idx;
