-- dbm:up
# import_batch: filled by the importer; revision: see the admin guide
ALTER TABLE checklists ADD import_batch VARCHAR(40);
ALTER TABLE checklists ADD revision INT NOT NULL DEFAULT 1;

-- dbm:down
ALTER TABLE checklists DROP revision;
ALTER TABLE checklists DROP import_batch;
