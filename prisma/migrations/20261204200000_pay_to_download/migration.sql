-- Pay to download: the agency's setting, each listing's override, and who made each delivery.
-- CreateEnum
CREATE TYPE "DownloadGate" AS ENUM ('inherit', 'until_paid', 'never');

-- AlterTable
ALTER TABLE "agencies" ADD COLUMN     "downloads_require_payment" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "created_by_display" TEXT,
ADD COLUMN     "created_by_id" TEXT,
ADD COLUMN     "created_by_kind" TEXT;

-- AlterTable
ALTER TABLE "tours" ADD COLUMN     "download_gate" "DownloadGate" NOT NULL DEFAULT 'inherit';
