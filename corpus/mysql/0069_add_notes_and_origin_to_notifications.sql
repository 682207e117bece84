-- dbm:up
# notes: filled by the importer; origin: see the admin guide
ALTER TABLE notifications ADD notes VARCHAR(1000);
ALTER TABLE notifications ADD origin VARCHAR(16) NOT NULL DEFAULT 'web';

-- dbm:down
ALTER TABLE notifications DROP origin;
ALTER TABLE notifications DROP notes;
