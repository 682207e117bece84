-- dbm:up
# external_ref: filled by the importer; status_note: see the admin guide
ALTER TABLE task_user ADD external_ref VARCHAR(64);
ALTER TABLE task_user ADD status_note VARCHAR(280) NOT NULL DEFAULT '';

-- dbm:down
ALTER TABLE task_user DROP status_note;
ALTER TABLE task_user DROP external_ref;
