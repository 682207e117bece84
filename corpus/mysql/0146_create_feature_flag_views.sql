-- dbm:up
CREATE VIEW feature_flag_overview AS SELECT name, enabled, rollout_percent, name LIKE 'feature\_%' AS is_feature FROM feature_flags;
CREATE VIEW kill_switches AS SELECT name, enabled FROM feature_flags WHERE name NOT LIKE 'feature\_%';

-- dbm:down
DROP VIEW kill_switches;
DROP VIEW feature_flag_overview;
