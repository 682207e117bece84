-- dbm:up
-- CreateEnum
CREATE TYPE "TaskState" AS ENUM ('BACKLOG', 'TODO', 'IN_PROGRESS', 'IN_REVIEW', 'DONE', 'WONT_DO');

-- CreateEnum
CREATE TYPE "TaskPriority" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'URGENT');

-- dbm:down
-- DropEnum
DROP TYPE "TaskPriority";

-- DropEnum
DROP TYPE "TaskState";
