-- dbm:up
-- Enum values cannot be removed again; the down is empty on purpose (the type itself goes
-- away when create_enum_types is rolled back).
ALTER TYPE account_status ADD VALUE IF NOT EXISTS 'archived' AFTER 'closed';

-- dbm:down
-- irreversible: PostgreSQL cannot drop an enum value
