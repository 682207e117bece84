-- dbm:up
INSERT INTO plans (code, name, monthly_price, features) VALUES
    ('free', 'Free', 0, '{"projects": 3, "seats": 5}'),
    ('team', 'Team', 8.00, '{"projects": null, "seats": 50}'),
    ('business', 'Business', 16.50, '{"sso": true, "audit": true, "note": "it''s the \"big\" one"}');

-- dbm:down
DELETE FROM plans WHERE code IN ('free', 'team', 'business');
