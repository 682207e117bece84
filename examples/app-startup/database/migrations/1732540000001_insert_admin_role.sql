-- dbm:up
INSERT INTO roles (name) VALUES ('admin');

-- dbm:down
DELETE FROM roles WHERE name = 'admin';
