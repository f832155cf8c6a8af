-- AlterTable
ALTER TABLE "webhook_events" ADD COLUMN     "test" BOOLEAN NOT NULL DEFAULT false;
