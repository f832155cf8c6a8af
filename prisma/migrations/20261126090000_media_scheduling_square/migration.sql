-- CreateEnum
CREATE TYPE "PackageKind" AS ENUM ('package', 'add_on');

-- CreateEnum
CREATE TYPE "MediaKind" AS ENUM ('photo', 'video', 'document', 'floor_plan');

-- AlterTable
ALTER TABLE "agencies" ADD COLUMN     "minimum_notice_minutes" INTEGER NOT NULL DEFAULT 1440,
ADD COLUMN     "slot_interval_minutes" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "travel_buffer_minutes" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "packages" ADD COLUMN     "kind" "PackageKind" NOT NULL DEFAULT 'package';

-- AlterTable
ALTER TABLE "shoots" ADD COLUMN     "completed_at" TIMESTAMPTZ(3),
ADD COLUMN     "package_id" TEXT,
ADD COLUMN     "rescheduled_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "square_synced_at" TIMESTAMPTZ(3),
ADD COLUMN     "square_version" INTEGER;

-- CreateTable
CREATE TABLE "media" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "tour_id" TEXT NOT NULL,
    "kind" "MediaKind" NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "storage_key" TEXT NOT NULL,
    "uploaded_via" TEXT NOT NULL,
    "uploaded_by_user_id" TEXT,
    "api_key_id" TEXT,
    "upload_ticket_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "media_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upload_tickets" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "tour_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_api_key_id" TEXT,
    "created_by_user_id" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upload_tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_hours" (
    "agency_id" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opens_at" INTEGER NOT NULL,
    "closes_at" INTEGER NOT NULL,

    CONSTRAINT "business_hours_pkey" PRIMARY KEY ("agency_id","weekday")
);

-- CreateTable
CREATE TABLE "photographers" (
    "user_id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "working_days" INTEGER[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "photographers_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "blocked_times" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "photographer_id" TEXT,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "blocked_times_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "square_webhook_events" (
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "invoice_id" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "square_webhook_events_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "media_storage_key_key" ON "media"("storage_key");

-- CreateIndex
CREATE INDEX "media_agency_id_tour_id_id_idx" ON "media"("agency_id", "tour_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "upload_tickets_token_hash_key" ON "upload_tickets"("token_hash");

-- CreateIndex
CREATE INDEX "upload_tickets_agency_id_tour_id_idx" ON "upload_tickets"("agency_id", "tour_id");

-- CreateIndex
CREATE INDEX "photographers_agency_id_idx" ON "photographers"("agency_id");

-- CreateIndex
CREATE UNIQUE INDEX "photographers_user_id_agency_id_key" ON "photographers"("user_id", "agency_id");

-- CreateIndex
CREATE INDEX "blocked_times_agency_id_starts_at_idx" ON "blocked_times"("agency_id", "starts_at");

-- CreateIndex
CREATE INDEX "shoots_photographer_id_status_starts_at_idx" ON "shoots"("photographer_id", "status", "starts_at");

-- AddForeignKey
ALTER TABLE "shoots" ADD CONSTRAINT "shoots_package_id_agency_id_fkey" FOREIGN KEY ("package_id", "agency_id") REFERENCES "packages"("id", "agency_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "media" ADD CONSTRAINT "media_tour_id_agency_id_fkey" FOREIGN KEY ("tour_id", "agency_id") REFERENCES "tours"("id", "agency_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload_tickets" ADD CONSTRAINT "upload_tickets_tour_id_agency_id_fkey" FOREIGN KEY ("tour_id", "agency_id") REFERENCES "tours"("id", "agency_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_hours" ADD CONSTRAINT "business_hours_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "photographers" ADD CONSTRAINT "photographers_user_id_agency_id_fkey" FOREIGN KEY ("user_id", "agency_id") REFERENCES "users"("id", "agency_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocked_times" ADD CONSTRAINT "blocked_times_photographer_id_agency_id_fkey" FOREIGN KEY ("photographer_id", "agency_id") REFERENCES "users"("id", "agency_id") ON DELETE CASCADE ON UPDATE CASCADE;

