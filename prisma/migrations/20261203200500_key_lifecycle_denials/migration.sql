-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "disabled_at" TIMESTAMPTZ(3),
ADD COLUMN     "disabled_by_user_id" TEXT,
ADD COLUMN     "replaced_by_key_id" TEXT,
ADD COLUMN     "rotated_at" TIMESTAMPTZ(3),
ADD COLUMN     "rotated_from_key_id" TEXT;

-- CreateTable
CREATE TABLE "access_denials" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "created_by_user_id" TEXT,
    "created_via" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lifted_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_denials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_overrides" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "budget" TEXT NOT NULL,
    "limit" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_denials_lifted_at_idx" ON "access_denials"("lifted_at");

-- CreateIndex
CREATE UNIQUE INDEX "rate_limit_overrides_kind_subject_id_budget_key" ON "rate_limit_overrides"("kind", "subject_id", "budget");

