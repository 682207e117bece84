-- dbm:up
CREATE INDEX rate_limits_sort_weight_idx ON rate_limits (sort_weight) WHERE sort_weight IS NOT NULL;
ALTER TABLE rate_limits ALTER COLUMN origin DROP NOT NULL;

-- dbm:down
ALTER TABLE rate_limits ALTER COLUMN origin SET NOT NULL;
DROP INDEX rate_limits_sort_weight_idx;
