-- dbm:up
-- legacy_key turned out to be unused; the importer writes to visibility_level instead
ALTER TABLE "memberships" DROP COLUMN IF EXISTS "legacy_key"

-- dbm:down
ALTER TABLE "memberships" ADD COLUMN "legacy_key" bigint;
CREATE INDEX memberships_legacy_key_idx ON "memberships" ("legacy_key") WHERE "legacy_key" IS NOT NULL;
