-- dbm:up
# sync_token: filled by the importer; is_pinned: see the admin guide
ALTER TABLE jobs ADD sync_token VARCHAR(128);
ALTER TABLE jobs ADD is_pinned TINYINT(1) NOT NULL DEFAULT 0;

-- dbm:down
ALTER TABLE jobs DROP is_pinned;
ALTER TABLE jobs DROP sync_token;
