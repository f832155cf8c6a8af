// Direct access to the e2e server's database, for the few things HTTP cannot set up. Never used to
// create or check results: only to hold a row lock (to keep a request in flight on purpose), to
// read the idempotency ledger's state while that request waits, and to move an upload ticket's
// expiry into the past (the server's clock cannot be moved from here).
import { createHash } from "node:crypto";
import pg from "pg";
import { e2eDatabaseUrl } from "./env";

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Opens a transaction that locks the listing's row (SELECT ... FOR UPDATE), so that any request
 * that locks the same listing (status change, cancel, section update) waits until release().
 */
export async function lockListingRow(listingNumber: string): Promise<HeldLock> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  await client.query("BEGIN");
  const { rowCount } = await client.query("SELECT id FROM tours WHERE listing_number = $1 FOR UPDATE", [listingNumber]);
  if (rowCount !== 1) {
    await client.end();
    throw new Error(`no listing ${listingNumber} to lock`);
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await client.query("ROLLBACK").catch(() => {});
      await client.end();
    },
  };
}

/** The state of an idempotency key in the server's ledger ("in_progress", "completed"), or null. */
/** How many requests of the app are waiting for a lock (a row lock held by a test, say). */
export async function requestsWaitingOnLocks(): Promise<number> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ waiting: number }>(
      "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    return rows[0]?.waiting ?? 0;
  } finally {
    await client.end();
  }
}

/** Makes the upload ticket with this token expire a minute ago (it is stored as its SHA-256). */
export async function expireUploadTicket(token: string): Promise<void> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const tokenHash = createHash("sha256").update(token).digest("hex");
    const { rowCount } = await client.query("UPDATE upload_tickets SET expires_at = now() - interval '1 minute' WHERE token_hash = $1", [tokenHash]);
    if (rowCount !== 1) throw new Error("no upload ticket with that token");
  } finally {
    await client.end();
  }
}
