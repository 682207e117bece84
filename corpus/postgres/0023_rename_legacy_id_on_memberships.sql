-- dbm:up
ALTER TABLE "memberships" RENAME COLUMN "legacy_id" TO "legacy_key";

ALTER TABLE "memberships" ALTER COLUMN "legacy_key" TYPE bigint USING "legacy_key"::bigint;

ALTER TABLE "memberships" ADD CONSTRAINT memberships_visibility_level_check CHECK ("visibility_level" BETWEEN 0 AND 3) NOT VALID;

ALTER TABLE "memberships" VALIDATE CONSTRAINT memberships_visibility_level_check;

-- dbm:down
ALTER TABLE "memberships" DROP CONSTRAINT memberships_visibility_level_check;

ALTER TABLE "memberships" ALTER COLUMN "legacy_key" TYPE integer USING "legacy_key"::integer;

ALTER TABLE "memberships" RENAME COLUMN "legacy_key" TO "legacy_id";
