-- dbm:no-transaction
-- dbm:up
-- Written for dbmate/golang-migrate, which do not wrap files in a transaction: the file
-- brings its own BEGIN/COMMIT, so dbm runs it outside one.
BEGIN;
ALTER TABLE users ADD COLUMN preferred_language varchar(35);
UPDATE users SET preferred_language = replace(locale, '_', '-') WHERE preferred_language IS NULL;
ALTER TABLE users ALTER COLUMN preferred_language SET DEFAULT 'en';
COMMIT;

-- dbm:down
BEGIN;
ALTER TABLE users DROP COLUMN preferred_language;
COMMIT;
