-- dbm:no-transaction
-- dbm:up
-- Formatted the way sqlfluff formats it: binary operators lead the continuation line.
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_ui_theme_idx
    ON accounts ((settings
        #>> '{ui,theme}'));
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_trial_ends_idx ON accounts (trial_ends_at) WHERE status = 'trial';

-- dbm:down
DROP INDEX CONCURRENTLY IF EXISTS accounts_trial_ends_idx;
DROP INDEX CONCURRENTLY IF EXISTS accounts_ui_theme_idx;
