-- dbm:up
-- AlterTable
ALTER TABLE "board_columns" ADD COLUMN     "display_color" VARCHAR(7),
ADD COLUMN     "flags" INTEGER NOT NULL DEFAULT 0;

-- dbm:down
-- AlterTable
ALTER TABLE "board_columns" DROP COLUMN "flags",
DROP COLUMN "display_color";
