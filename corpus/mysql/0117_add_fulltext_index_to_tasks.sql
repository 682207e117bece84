-- dbm:up
ALTER TABLE tasks ADD FULLTEXT INDEX ft_tasks_title_body (title, body);

-- dbm:down
ALTER TABLE tasks DROP INDEX ft_tasks_title_body;
