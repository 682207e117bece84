-- dbm:up
-- Idempotent type creation, three ways (each has been copied around a lot).
DO $$ BEGIN
    CREATE TYPE account_status AS ENUM ('trial', 'active', 'past_due', 'suspended', 'closed');
EXCEPTION
    WHEN duplicate_object THEN null;
END $$;

do $$ begin create type member_role as enum ('owner', 'admin', 'member', 'guest'); exception when duplicate_object then null; end $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'project_visibility') THEN
        CREATE TYPE project_visibility AS ENUM ('private', 'internal', 'public');
    END IF;
END
$$;

-- dbm:down
DROP TYPE IF EXISTS project_visibility;
DROP TYPE IF EXISTS member_role;
DROP TYPE IF EXISTS account_status;
