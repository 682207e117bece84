-- dbm:up
CREATE INDEX memberships_legacy_key_idx ON "memberships" ("legacy_key") WHERE "legacy_key" IS NOT NULL;
ALTER TABLE "memberships" ALTER COLUMN "visibility_level" DROP NOT NULL;

-- dbm:down
ALTER TABLE "memberships" ALTER COLUMN "visibility_level" SET NOT NULL;
DROP INDEX memberships_legacy_key_idx;
