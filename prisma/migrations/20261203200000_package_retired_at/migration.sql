-- A retired package is refused for new listings and stays on past orders.
ALTER TABLE "packages" ADD COLUMN     "retired_at" TIMESTAMPTZ(3);
