-- dbm:up
CREATE VIEW account_overview AS
SELECT a.id,
       a.name,
       a.status,
       (SELECT COUNT(*) FROM users u WHERE u.account_id = a.id AND u.deleted_at IS NULL) AS active_users,
       # JSON_UNQUOTE keeps "dark" from showing up with its quotes
       COALESCE(JSON_UNQUOTE(JSON_EXTRACT(a.settings, '$.ui.theme')), 'system') AS theme,
       IF(a.status = 'past_due', 'Payment\'s late; remind them', '') AS billing_hint
FROM accounts a

-- dbm:down
DROP VIEW account_overview
