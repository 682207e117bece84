-- dbm:up
# weight: filled by the importer; retention_days: see the admin guide
ALTER TABLE plans ADD weight DECIMAL(6,2);
ALTER TABLE plans ADD retention_days INT UNSIGNED NOT NULL DEFAULT 30;

-- dbm:down
ALTER TABLE plans DROP retention_days;
ALTER TABLE plans DROP weight;
