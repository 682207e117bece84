-- dbm:up
-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "display_color" VARCHAR(7),
ADD COLUMN     "priority_rank" INTEGER NOT NULL DEFAULT 0;

-- dbm:down
-- AlterTable
ALTER TABLE "subscriptions" DROP COLUMN "priority_rank",
DROP COLUMN "display_color";
