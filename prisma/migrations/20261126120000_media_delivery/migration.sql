-- AlterTable
ALTER TABLE "tours" ADD COLUMN     "media_delivered_at" TIMESTAMPTZ(3);

