-- Sample accounts for trying the app locally; never in production.
-- dbm:environments development test
INSERT INTO users (email, role_id) VALUES ('ada@example.com', 2);
INSERT INTO users (email, role_id) VALUES ('grace@example.com', 2);
