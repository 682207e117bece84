-- dbm:up
# display_color: filled by the importer; flags: see the admin guide
ALTER TABLE boards ADD display_color VARCHAR(7);
ALTER TABLE boards ADD flags INT UNSIGNED NOT NULL DEFAULT 0;

-- dbm:down
ALTER TABLE boards DROP flags;
ALTER TABLE boards DROP display_color;
