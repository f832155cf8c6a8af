// Faults on the suite's own PostgreSQL, under write load: every answer is recorded with the
// idempotency key and body it was sent with, so that afterwards every failed request can be
// retried exactly as a client would, and the database can be asked what really happened.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import type { Stack } from "./support/stack";
import { call, pool } from "./support/http";

export interface Attempt {
  key: string;
  body: Record<string, unknown>;
  status: number;
  retryAfter: string | null;
  listingNumber?: string;
  /** When the answer came (ms since epoch). */
  at: number;
}

export class WriteLoad {
  readonly attempts: Attempt[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly stack: Stack,
    private readonly apiKey: string,
    private readonly people: { ownerId: string; agentId: string },
    readonly marker: string,
    concurrency: number,
  ) {
    this.loops = Array.from({ length: concurrency }, () => this.loop());
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const key = randomUUID();
      const body = { address: `${this.marker} ${key}`, owner_user_id: this.people.ownerId, agent_one_id: this.people.agentId };
      const attempt = await send(this.stack, this.apiKey, key, body);
      this.attempts.push(attempt);
      // A failed write backs off 200 ms: shorter than the Retry-After asked, so that the time to
      // recover is measured finely, long enough not to turn the outage into a busy loop.
      if (attempt.status < 200 || attempt.status >= 300) await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Resolves once `n` writes have succeeded after `since`. */
  async successesAfter(since: number, n: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.attempts.filter((a) => a.at > since && a.status >= 200 && a.status < 300).length < n) {
      if (Date.now() > deadline) throw new Error(`hardening: fewer than ${n} writes succeeded within ${timeoutMs} ms after the fault`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  firstSuccessAfter(since: number): number | undefined {
    return this.attempts.filter((a) => a.status >= 200 && a.status < 300 && a.at > since).map((a) => a.at).sort((x, y) => x - y)[0];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

export async function send(stack: Stack, apiKey: string, key: string, body: Record<string, unknown>): Promise<Attempt> {
  const answer = await call(stack.baseUrl, "POST", "/api/v1/listings", body, { key: apiKey, idempotencyKey: key, signal: AbortSignal.timeout(30_000) });
  return {
    key,
    body,
    status: answer.status,
    retryAfter: answer.headers.get("retry-after"),
    listingNumber: answer.status >= 200 && answer.status < 300 ? answer.body?.listing_number : undefined,
    at: Date.now(),
  };
}

export interface Tally {
  tried: number;
  "2xx": number;
  "503": number;
  "503 without Retry-After": number;
  "other 5xx": number;
  "409 in use": number;
  "no answer": number;
}

export function tally(attempts: Attempt[]): Tally {
  const count = (f: (a: Attempt) => boolean) => attempts.filter(f).length;
  return {
    tried: attempts.length,
    "2xx": count((a) => a.status >= 200 && a.status < 300),
    "503": count((a) => a.status === 503),
    "503 without Retry-After": count((a) => a.status === 503 && !a.retryAfter),
    "other 5xx": count((a) => a.status >= 500 && a.status !== 503),
    "409 in use": count((a) => a.status === 409),
    "no answer": count((a) => a.status === 0),
  };
}

/**
 * Retries every request that did not succeed, with its own key and body, until each has a 2xx
 * (a replay of what committed, or the write running now) or a deadline passes; returns the final
 * answer per key.
 */
export async function retryFailed(stack: Stack, apiKey: string, attempts: Attempt[], timeoutMs = 90_000): Promise<Map<string, Attempt>> {
  const final = new Map(attempts.map((a) => [a.key, a]));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = [...final.values()].filter((a) => a.status < 200 || a.status >= 300);
    if (!pending.length || Date.now() > deadline) return final;
    // As the load's clients would: a few at a time, not every failed request at once.
    const retried = await pool(6, pending.map((a) => () => send(stack, apiKey, a.key, a.body)));
    for (const attempt of retried) final.set(attempt.key, attempt);
    if (retried.some((a) => a.status < 200 || a.status >= 300)) await new Promise((r) => setTimeout(r, 500));
  }
}

/** What the database holds for the load's marker: listings per key (address), and which numbers exist. */
export async function audit(stack: Stack, marker: string, acknowledged: string[]) {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    const rows = (await client.query<{ address: string; n: string }>("SELECT address, count(*) AS n FROM tours WHERE address LIKE $1 GROUP BY address", [`${marker} %`])).rows;
    const present = (await client.query<{ listing_number: string }>("SELECT listing_number FROM tours WHERE listing_number = ANY($1)", [acknowledged])).rows;
    const found = new Set(present.map((r) => r.listing_number));
    return {
      keysWithListing: rows.length,
      duplicates: rows.reduce((n, r) => n + Number(r.n) - 1, 0),
      lost: acknowledged.filter((n) => !found.has(n)).length,
    };
  } finally {
    await client.end();
  }
}

/** The pid (among `pids`) whose process holds the loopback TCP connection from local port `port`. */
export function pidOwningPort(port: number, pids: number[]): number | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hex}`)) inodes.add(fields[9]!);
    }
  }
  for (const pid of pids) {
    const dir = `/proc/${pid}/fd`;
    if (!fs.existsSync(dir)) continue;
    for (const fd of fs.readdirSync(dir)) {
      try {
        const target = fs.readlinkSync(`${dir}/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return pid;
      } catch {
        // the descriptor closed meanwhile
      }
    }
  }
  return undefined;
}
