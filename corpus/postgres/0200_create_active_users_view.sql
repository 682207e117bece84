-- dbm:up
CREATE VIEW active_users WITH (security_barrier = true) AS
    SELECT id, account_id, email, display_name, last_seen_at
      FROM users
     WHERE deleted_at IS NULL
    WITH LOCAL CHECK OPTION;

-- dbm:down
DROP VIEW active_users;
