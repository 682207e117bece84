-- dbm:up
-- AlterTable
ALTER TABLE "saved_filters" ADD COLUMN     "legacy_id" INTEGER,
ADD COLUMN     "flags" INTEGER NOT NULL DEFAULT 0;

-- dbm:down
-- AlterTable
ALTER TABLE "saved_filters" DROP COLUMN "flags",
DROP COLUMN "legacy_id";
