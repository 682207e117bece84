-- dbm:up
-- AlterTable
ALTER TABLE "export_jobs" ADD COLUMN     "locale_hint" VARCHAR(10),
ADD COLUMN     "flags" INTEGER NOT NULL DEFAULT 0;

-- dbm:down
-- AlterTable
ALTER TABLE "export_jobs" DROP COLUMN "flags",
DROP COLUMN "locale_hint";
