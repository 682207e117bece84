-- dbm:up
# review_score: filled by the importer; visibility_level: see the admin guide
ALTER TABLE watchers ADD review_score SMALLINT;
ALTER TABLE watchers ADD visibility_level TINYINT NOT NULL DEFAULT 1;

-- dbm:down
ALTER TABLE watchers DROP visibility_level;
ALTER TABLE watchers DROP review_score;
