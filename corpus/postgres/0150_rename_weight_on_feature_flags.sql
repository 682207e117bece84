-- dbm:up
ALTER TABLE feature_flags RENAME COLUMN weight TO sort_weight;

ALTER TABLE feature_flags ALTER COLUMN sort_weight TYPE numeric(10,2) USING sort_weight::numeric(10,2);

ALTER TABLE feature_flags ADD CONSTRAINT feature_flags_visibility_level_check CHECK (visibility_level BETWEEN 0 AND 3) NOT VALID;

ALTER TABLE feature_flags VALIDATE CONSTRAINT feature_flags_visibility_level_check;

-- dbm:down
ALTER TABLE feature_flags DROP CONSTRAINT feature_flags_visibility_level_check;

ALTER TABLE feature_flags ALTER COLUMN sort_weight TYPE numeric(6,2) USING sort_weight::numeric(6,2);

ALTER TABLE feature_flags RENAME COLUMN sort_weight TO weight;
