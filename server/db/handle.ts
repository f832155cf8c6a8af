// The process's one database handle, kept on globalThis: the custom server's bundle and Next's
// server chunks each load their own copy of every module, and two PGlite instances on one
// directory would silently diverge. The server opens the database once, before Next starts,
// and registers it here; Next's route handlers and pages read it from here.
import type { Database } from "./client";

const HANDLE = Symbol.for("valara.database");
type Holder = { [HANDLE]?: Database };

export function setDatabase(db: Database): void {
  (globalThis as Holder)[HANDLE] = db;
}

export function clearDatabase(): void {
  delete (globalThis as Holder)[HANDLE];
}

export async function getDatabase(): Promise<Database> {
  const db = (globalThis as Holder)[HANDLE];
  if (!db) {
    throw new Error("No database is registered: start Valara through its server (`npm run dev` or `npm start`), not `next dev`.");
  }
  return db;
}
