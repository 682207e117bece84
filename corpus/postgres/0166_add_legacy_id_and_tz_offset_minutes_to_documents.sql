-- dbm:up
-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "legacy_id" INTEGER,
ADD COLUMN     "tz_offset_minutes" SMALLINT NOT NULL DEFAULT 0;

-- dbm:down
-- AlterTable
ALTER TABLE "documents" DROP COLUMN "tz_offset_minutes",
DROP COLUMN "legacy_id";
