-- Creates password_resets; generated from the model, then edited by hand
-- dbm:up
CREATE TABLE password_resets (
    email VARCHAR(191) NOT NULL,
    token VARCHAR(255) NOT NULL,
    created_at TIMESTAMP NULL,
    INDEX password_resets_email_index (email)
) DEFAULT CHARACTER SET utf8mb4 COLLATE 'utf8mb4_unicode_ci' ENGINE = InnoDB

-- dbm:down
DROP TABLE password_resets
