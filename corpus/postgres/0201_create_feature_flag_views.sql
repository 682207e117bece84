-- dbm:up
-- Flags named feature_* gate features; everything else is a kill switch. The LIKE needs an
-- escape character for the underscore, and the habit here is a backslash.
CREATE VIEW feature_flag_overview AS
SELECT name,
       enabled,
       rollout_percent,
       name LIKE 'feature\_%' ESCAPE '\' AS is_feature
  FROM feature_flags;
COMMENT ON VIEW feature_flag_overview IS 'Flags named feature_*; the rest are kill switches.';

CREATE VIEW kill_switches AS
SELECT name, enabled FROM feature_flags WHERE name NOT LIKE 'feature\_%' ESCAPE '\';

-- dbm:down
DROP VIEW kill_switches;
DROP VIEW feature_flag_overview;
