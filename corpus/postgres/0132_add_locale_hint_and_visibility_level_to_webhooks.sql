-- dbm:up
-- AlterTable
ALTER TABLE "webhooks" ADD COLUMN     "locale_hint" VARCHAR(10),
ADD COLUMN     "visibility_level" SMALLINT NOT NULL DEFAULT 1;

-- dbm:down
-- AlterTable
ALTER TABLE "webhooks" DROP COLUMN "visibility_level",
DROP COLUMN "locale_hint";
