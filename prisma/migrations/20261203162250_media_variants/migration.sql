-- AlterTable
ALTER TABLE "media" ADD COLUMN     "variants" JSONB NOT NULL DEFAULT '[]';

