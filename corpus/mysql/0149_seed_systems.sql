-- dbm:up
INSERT INTO Systems (Name, Value) VALUES ('Version', '5.3.0');
INSERT INTO Systems (Name, Value) VALUES ('LegacyTheme', '{"sidebarBg":"#145dbf","note":"Don\'t touch; imported"}');
REPLACE INTO Systems (Name, Value) VALUES ('AdvancedPermissionsMigrationComplete', 'true');

-- dbm:down
DELETE FROM Systems WHERE Name IN ('Version', 'LegacyTheme', 'AdvancedPermissionsMigrationComplete');
