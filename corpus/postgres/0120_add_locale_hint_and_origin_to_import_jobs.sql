-- dbm:up
-- AlterTable
ALTER TABLE "import_jobs" ADD COLUMN     "locale_hint" VARCHAR(10),
ADD COLUMN     "origin" VARCHAR(16) NOT NULL DEFAULT 'web';

-- dbm:down
-- AlterTable
ALTER TABLE "import_jobs" DROP COLUMN "origin",
DROP COLUMN "locale_hint";
