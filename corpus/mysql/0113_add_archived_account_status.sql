-- dbm:up
ALTER TABLE `accounts` MODIFY `status` enum('trial','active','past_due','suspended','closed','archived') COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT 'trial'

-- dbm:down
ALTER TABLE `accounts` MODIFY `status` enum('trial','active','past_due','suspended','closed') COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT 'trial'
