-- dbm:up
INSERT INTO notes (body) VALUES ('hello');

-- dbm:down
DELETE FROM notes WHERE body = 'hello';
