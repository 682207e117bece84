-- dbm:up
-- AlterTable
ALTER TABLE "calendar_events" ADD COLUMN     "display_color" VARCHAR(7),
ADD COLUMN     "visibility_level" SMALLINT NOT NULL DEFAULT 1;

-- dbm:down
-- AlterTable
ALTER TABLE "calendar_events" DROP COLUMN "visibility_level",
DROP COLUMN "display_color";
