-- AlterTable
ALTER TABLE "idempotency_keys" ADD COLUMN     "upload_ticket_id" TEXT;

