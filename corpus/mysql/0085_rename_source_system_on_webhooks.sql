-- dbm:up
ALTER TABLE webhooks RENAME COLUMN source_system TO origin_system;
ALTER TABLE webhooks MODIFY COLUMN origin_system varchar(64);
ALTER TABLE `webhooks` ADD CONSTRAINT `chk_webhooks_revision` CHECK (`revision` >= 1);

-- dbm:down
ALTER TABLE `webhooks` DROP CONSTRAINT `chk_webhooks_revision`;
ALTER TABLE webhooks MODIFY COLUMN origin_system varchar(32);
ALTER TABLE webhooks RENAME COLUMN origin_system TO source_system;
