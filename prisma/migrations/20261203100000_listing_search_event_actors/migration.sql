-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- AlterTable
ALTER TABLE "webhook_events" ADD COLUMN     "actor_display" TEXT,
ADD COLUMN     "actor_id" TEXT,
ADD COLUMN     "actor_kind" TEXT,
ADD COLUMN     "listing_number" TEXT;

-- CreateIndex
CREATE INDEX "tours_agency_id_updated_at_id_idx" ON "tours"("agency_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "tours_agency_id_address_id_idx" ON "tours"("agency_id", "address", "id");

-- CreateIndex
CREATE INDEX "tours_address_trgm_idx" ON "tours" USING GIN ("address" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "tours_listing_number_trgm_idx" ON "tours" USING GIN ("listing_number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "webhook_events_agency_id_listing_number_id_idx" ON "webhook_events"("agency_id", "listing_number", "id");


-- Events written before this migration: find them by listing too (their actor stays unknown).
UPDATE "webhook_events" SET "listing_number" = "data"->>'listing_number' WHERE "data" ? 'listing_number';
