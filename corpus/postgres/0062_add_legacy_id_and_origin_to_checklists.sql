-- dbm:up
-- AlterTable
ALTER TABLE "checklists" ADD COLUMN     "legacy_id" INTEGER,
ADD COLUMN     "origin" VARCHAR(16) NOT NULL DEFAULT 'web';

-- dbm:down
-- AlterTable
ALTER TABLE "checklists" DROP COLUMN "origin",
DROP COLUMN "legacy_id";
