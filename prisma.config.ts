// Configures the Prisma CLI (generate, migrate deploy/status/diff). It runs the JavaScript schema
// engine through a driver adapter, so no native engine is downloaded. With DATABASE_URL the CLI
// works on that PostgreSQL database; without it, on a throwaway in-memory PGlite (enough for
// `generate` and `migrate diff`). The embedded database under .data/ is migrated by the app itself
// at start (server/db/migrate.ts), never by the CLI: PGlite does not lock its directory, and a
// second process opening it while the app runs would corrupt it.
import path from "node:path";
import { defineConfig } from "prisma/config";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (url) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite("memory://", { extensions: { pg_trgm } }));
  },
});
