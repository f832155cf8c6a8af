// Opening the embedded PGlite with the PostgreSQL extensions the schema declares (prisma/schema.prisma
// `extensions`): PGlite ships contrib extensions as separate modules that must be loaded when the
// instance is created, before a migration can CREATE EXTENSION them.
import type { PGlite } from "@electric-sql/pglite";

export async function openPglite(dataDir: string): Promise<PGlite> {
  const [{ PGlite }, { pg_trgm }] = await Promise.all([import("@electric-sql/pglite"), import("@electric-sql/pglite/contrib/pg_trgm")]);
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}
