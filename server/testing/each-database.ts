// Runs a suite once on a fresh PostgreSQL database and once on a fresh embedded PGlite, where
// behaviour can differ (PGlite is one connection: transactions serialize, nothing runs in parallel).
import { afterAll, beforeAll, describe } from "vitest";
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from "./databases";

export function describeEachDatabase(name: string, suite: (db: () => TestDatabase) => void): void {
  describe.each(DATABASE_KINDS)(`${name} (%s)`, (kind) => {
    let testDb: TestDatabase | undefined;
    beforeAll(async () => {
      testDb = await createTestDatabase(kind);
    });
    afterAll(async () => {
      await testDb?.dispose();
    });
    suite(() => {
      if (!testDb) throw new Error("test database not ready");
      return testDb;
    });
  });
}
