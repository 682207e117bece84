-- dbm:up
-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "legacy_id" INTEGER,
ADD COLUMN     "visibility_level" SMALLINT NOT NULL DEFAULT 1;

-- dbm:down
-- AlterTable
ALTER TABLE "memberships" DROP COLUMN "visibility_level",
DROP COLUMN "legacy_id";
