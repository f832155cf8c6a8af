-- CreateTable
CREATE TABLE "deliveries" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "tour_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_token_hash_key" ON "deliveries"("token_hash");

-- CreateIndex
CREATE INDEX "deliveries_agency_id_tour_id_created_at_idx" ON "deliveries"("agency_id", "tour_id", "created_at");

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_tour_id_agency_id_fkey" FOREIGN KEY ("tour_id", "agency_id") REFERENCES "tours"("id", "agency_id") ON DELETE RESTRICT ON UPDATE CASCADE;

