-- CreateTable
CREATE TABLE "property_views" (
    "agency_id" TEXT NOT NULL,
    "tour_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "visitor" TEXT NOT NULL,

    CONSTRAINT "property_views_pkey" PRIMARY KEY ("tour_id","day","visitor")
);

-- CreateTable
CREATE TABLE "property_view_salts" (
    "day" DATE NOT NULL,
    "salt" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "property_view_salts_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "property_views_agency_id_tour_id_day_idx" ON "property_views"("agency_id", "tour_id", "day");

-- AddForeignKey
ALTER TABLE "property_views" ADD CONSTRAINT "property_views_tour_id_agency_id_fkey" FOREIGN KEY ("tour_id", "agency_id") REFERENCES "tours"("id", "agency_id") ON DELETE RESTRICT ON UPDATE CASCADE;

