-- dbm:up
ALTER TABLE Preferences MODIFY Value mediumtext;

-- dbm:down
ALTER TABLE Preferences MODIFY Value text;
