-- dbm:up
-- AlterTable
ALTER TABLE "task_assignees" ADD COLUMN     "locale_hint" VARCHAR(10),
ADD COLUMN     "priority_rank" INTEGER NOT NULL DEFAULT 0;

-- dbm:down
-- AlterTable
ALTER TABLE "task_assignees" DROP COLUMN "priority_rank",
DROP COLUMN "locale_hint";
