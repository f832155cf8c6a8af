// The operator CLI as an operator runs it: a subprocess, JSON on the last line of stdout,
// messages on stderr, non-zero exit with a one-line reason on failure.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPostgresDatabase } from "../testing/databases";
import { lockEmbeddedDatabase } from "../db/embedded-lock";

const run = promisify(execFile);
// Each command is a fresh process (Node start-up, TypeScript, a database connection): allow for a busy machine.
vi.setConfig({ testTimeout: 240_000 });
const tsx = path.resolve("node_modules/.bin/tsx");

interface Result {
  code: number;
  json: Record<string, any>;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string>): Promise<Result> {
  try {
    const { stdout, stderr } = await run(tsx, ["server/cli/main.ts", ...args], { env: { ...process.env, ...env } });
    return { code: 0, json: JSON.parse(stdout.trim().split("\n").pop()!), stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    const last = e.stdout.trim().split("\n").pop() ?? "";
    return { code: e.code, json: last ? JSON.parse(last) : {}, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("operator CLI on PostgreSQL", () => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    env = { DATABASE_URL: database.url };
  });
  afterAll(async () => drop?.());

  it("creates an agency with its owner, users, a package and keys, lists and revokes them", async () => {
    const agency = await cli(["agency", "create", "--slug", "acme", "--name", "Acme Media", "--kind", "media_agency", "--owner-email", "Boss@Acme.test"], env);
    expect(agency.code).toBe(0);
    expect(agency.json.agency).toMatchObject({ slug: "acme", kind: "media_agency" });
    expect(agency.json.owner.email).toBe("boss@acme.test");
    expect(agency.json.owner_password).toMatch(/^[\w-]{20}$/); // generated, shown once
    expect(agency.stderr).toContain("created agency acme");

    const user = await cli(["user", "create", "--agency", "acme", "--email", "ann@acme.test", "--name", "Ann", "--role", "agent", "--team", "East", "--password", "long-enough-pw"], env);
    expect(user.json.user).toMatchObject({ email: "ann@acme.test", role: "agent", agency: "acme" });
    expect(user.json.user.id).toMatch(/^user_[0-9A-Z]{26}$/);
    expect(user.json).not.toHaveProperty("password");

    const pkg = await cli(["package", "create", "--agency", "acme", "--code", "basic", "--name", "Basic", "--duration-minutes", "60", "--price-cents", "15000"], env);
    expect(pkg.json.package).toMatchObject({ code: "basic", price_cents: 15000, currency: "USD" });

    const key = await cli(["key", "create", "--agency", "acme", "--name", "Zapier", "--scopes", "listings:read,users:read", "--expires-in-days", "30"], env);
    expect(key.code).toBe(0);
    expect(key.json.key).toMatch(/^ma_live_ak_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(key.json.api_key).toMatchObject({ name: "Zapier", scopes: ["listings:read", "users:read"], status: "active", created_via: "cli" });
    expect(Date.parse(key.json.api_key.expires_at) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const all = await cli(["key", "create", "--agency", "acme", "--name", "Everything"], env);
    expect(all.json.api_key.scopes).toHaveLength(7);

    const listed = await cli(["key", "list", "--agency", "acme"], env);
    expect(listed.json.api_keys.map((k: { name: string }) => k.name)).toEqual(["Everything", "Zapier"]);
    expect(listed.stdout).not.toContain(key.json.key);

    const revoked = await cli(["key", "revoke", key.json.api_key.id], env);
    expect(revoked.json.api_key.status).toBe("revoked");

    const agencies = await cli(["agency", "list"], env);
    expect(agencies.json.agencies).toEqual([expect.objectContaining({ slug: "acme", users: 2, api_keys: 2 })]);
  });

  it("fails with a non-zero exit, a one-line reason on stderr and a JSON error", async () => {
    const cases: [string[], string, number][] = [
      [["agency", "create", "--slug", "acme", "--name", "Again", "--kind", "broker", "--owner-email", "x@y.test"], "conflict", 1],
      [["agency", "create", "--slug", "Bad Slug!", "--name", "x", "--kind", "broker", "--owner-email", "x@y.test"], "validation_failed", 1],
      [["agency", "create", "--slug", "ok", "--name", "x", "--kind", "bank", "--owner-email", "x@y.test"], "validation_failed", 1],
      [["key", "create", "--agency", "nope", "--name", "x"], "agency_not_found", 1],
      [["key", "create", "--agency", "acme", "--name", "x", "--scopes", "listings:read,root"], "validation_failed", 1],
      [["key", "create", "--agency", "acme"], "usage", 64],
      [["key", "revoke", "key_01JD3Q6W4ZKXY3T5V7B9C1D2EF"], "api_key_not_found", 1],
      [["user", "create", "--agency", "acme", "--email", "ann@acme.test", "--name", "Dup", "--role", "viewer"], "conflict", 1],
      [["user", "create", "--email", "root@valara.test", "--name", "Root", "--role", "owner"], "validation_failed", 1],
      [["frobnicate"], "usage", 64],
      [["key", "create", "--agency", "acme", "--name", "x", "--bogus"], "usage", 64],
    ];
    for (const [args, code, exit] of cases) {
      const result = await cli(args, env);
      expect({ args, code: result.json.error?.code, exit: result.code }).toEqual({ args, code, exit });
      const reason = result.stderr.trim().split("\n").filter((l) => l.startsWith("error: "));
      expect(reason).toHaveLength(1);
    }
  }, 180_000); // eleven CLI processes one after another: past the default 60 s on a busy 2-core machine

  it("schedules a shoot on a listing (sending shoot.scheduled) and completes one that has started", async () => {
    // A listing to schedule on, made through the domain (the CLI does not create listings).
    const { openDatabase } = await import("../db/client");
    const { agencyScope } = await import("../db/tenant");
    const { TEST_OPERATOR } = await import("../testing/factories");
    const { createListing } = await import("../listings/create-listing");
    const db = await openDatabase({ DATABASE_URL: env.DATABASE_URL!, DATA_DIR: os.tmpdir() });
    try {
      const agency = await db.prisma.agency.findUniqueOrThrow({ where: { slug: "acme" } });
      const owner = await db.prisma.user.findFirstOrThrow({ where: { agencyId: agency.id, role: "owner" } });
      const tour = await createListing(agencyScope(db.prisma, agency.id, TEST_OPERATOR), { address: "1 Main", owner_user_id: owner.id, agent_one_id: owner.id });
      const at = new Date(Date.now() + 5 * 3_600_000).toISOString();
      const shoot = await cli(["shoot", "schedule", "--listing", tour.listingNumber.toLowerCase(), "--at", at, "--duration-minutes", "120"], env);
      expect(shoot.code).toBe(0);
      expect(shoot.json.shoot).toMatchObject({ listing_number: tour.listingNumber, status: "scheduled", starts_at: at });
      expect(Date.parse(shoot.json.shoot.ends_at) - Date.parse(at)).toBe(120 * 60_000);
      const bad = await cli(["shoot", "schedule", "--listing", tour.listingNumber, "--at", "tomorrow"], env);
      expect(bad.json.error.code).toBe("validation_failed");
      // The override is still a booking to integrators: one shoot.scheduled, as the API sends it.
      const events = await db.prisma.webhookEvent.findMany({ where: { agencyId: agency.id, type: "shoot.scheduled" } });
      expect(events.map((e) => e.data)).toEqual([
        { shoot_id: shoot.json.shoot.id, listing_number: tour.listingNumber, status: "scheduled", starts_at: at, ends_at: shoot.json.shoot.ends_at, photographer_id: null, package: null },
      ]);

      // shoot complete: refused before the start, done once it has started, sending shoot.completed.
      const early = await cli(["shoot", "complete", shoot.json.shoot.id], env);
      expect({ exit: early.code, code: early.json.error?.code }).toEqual({ exit: 1, code: "lifecycle_violation" });
      expect(early.json.error.message).toContain(`starts at ${at}`);
      const started = new Date(Date.now() - 3_600_000).toISOString();
      const past = await cli(["shoot", "schedule", "--listing", tour.listingNumber, "--at", started], env);
      const done = await cli(["shoot", "complete", past.json.shoot.id.toLowerCase()], env);
      expect(done.code).toBe(0);
      expect(done.json.shoot).toMatchObject({ shoot_id: past.json.shoot.id, listing_number: tour.listingNumber, status: "completed", starts_at: started });
      expect(Date.parse(done.json.shoot.completed_at)).toBeGreaterThan(Date.parse(started));
      const completed = await db.prisma.webhookEvent.findFirstOrThrow({ where: { agencyId: agency.id, type: "shoot.completed" } });
      expect(completed.data).toMatchObject({ shoot_id: past.json.shoot.id, status: "completed", completed_at: done.json.shoot.completed_at });
      expect((await cli(["shoot", "complete", "shoot_01JD3Q6W4ZKXY3T5V7B9C1D2EF"], env)).json.error.code).toBe("shoot_not_found");
      expect((await cli(["shoot", "complete"], env)).code).toBe(64);
    } finally {
      await db.close();
    }
  });
  it("sets scheduling: settings, hours, photographers and blocked time, validating each", async () => {
    const pat = await cli(["user", "create", "--agency", "acme", "--email", "pat@acme.test", "--name", "Pat", "--role", "team_member", "--password", "long-enough-pw"], env);
    const patId = pat.json.user.id as string;

    const shown = await cli(["schedule", "settings", "--agency", "acme"], env);
    expect(shown.code).toBe(0);
    expect(shown.json.scheduling).toMatchObject({ timezone: "America/Los_Angeles", travel_buffer_minutes: 30, minimum_notice_minutes: 1440, slot_interval_minutes: 30, business_hours: [] });

    const set = await cli(
      ["schedule", "settings", "--agency", "acme", "--timezone", "america/denver", "--travel-buffer-minutes", "45", "--minimum-notice-minutes", "120", "--slot-interval-minutes", "15"],
      env,
    );
    expect(set.json.scheduling).toMatchObject({ timezone: "America/Denver", travel_buffer_minutes: 45, minimum_notice_minutes: 120, slot_interval_minutes: 15 });
    expect(set.stderr).toContain("updated the scheduling settings of acme");

    await cli(["schedule", "hours", "--agency", "acme", "--days", "mon-fri", "--open", "08:00", "--close", "18:00"], env);
    await cli(["schedule", "hours", "--agency", "acme", "--days", "sat,sun", "--open", "9:00", "--close", "14:00"], env);
    const closed = await cli(["schedule", "hours", "--agency", "acme", "--days", "sun", "--closed"], env);
    expect(closed.json.scheduling.business_hours.map((h: { day: string; open: string; close: string }) => `${h.day} ${h.open}-${h.close}`)).toEqual([
      "Monday 08:00-18:00",
      "Tuesday 08:00-18:00",
      "Wednesday 08:00-18:00",
      "Thursday 08:00-18:00",
      "Friday 08:00-18:00",
      "Saturday 09:00-14:00",
    ]);

    const added = await cli(["photographer", "add", "--agency", "acme", "--user", "PAT@acme.test", "--days", "tue-sat"], env);
    expect(added.json.photographer).toMatchObject({ user_id: patId, working_days: [2, 3, 4, 5, 6], working_days_label: "Tuesday-Saturday", active: true });
    const byId = await cli(["photographer", "add", "--agency", "acme", "--user", patId, "--days", "mon,wed"], env);
    expect(byId.json.scheduling.photographers).toEqual([expect.objectContaining({ user_id: patId, working_days: [1, 3] })]);

    const block = await cli(["block", "add", "--agency", "acme", "--photographer", "pat@acme.test", "--from", "2027-03-16", "--to", "2027-03-17", "--reason", "Vacation"], env);
    expect(block.json.blocked_time).toMatchObject({ photographer_id: patId, starts_at: "2027-03-16T00:00:00-06:00", ends_at: "2027-03-18T00:00:00-06:00", reason: "Vacation" });
    const holiday = await cli(["block", "add", "--agency", "acme", "--from", "2027-07-05T00:00:00-06:00", "--to", "2027-07-06T00:00:00-06:00"], env);
    expect(holiday.json.blocked_time.photographer_id).toBeNull();
    const listed = await cli(["block", "list", "--agency", "acme"], env);
    expect(listed.json.blocked_times.map((b: { id: string }) => b.id)).toEqual([block.json.blocked_time.id, holiday.json.blocked_time.id]);
    const removedBlock = await cli(["block", "remove", holiday.json.blocked_time.id], env);
    expect(removedBlock.json.blocked_time.id).toBe(holiday.json.blocked_time.id);
    expect((await cli(["block", "list", "--agency", "acme"], env)).json.blocked_times).toHaveLength(1);

    const removed = await cli(["photographer", "remove", "--agency", "acme", "--user", "pat@acme.test"], env);
    expect(removed.json).toMatchObject({ upcoming_shoots: 0 });
    expect(removed.json.scheduling.photographers[0].active).toBe(false);

    const failures: [string[], string, number, RegExp][] = [
      [["schedule", "settings", "--agency", "acme", "--timezone", "Mars/Olympus"], "validation_failed", 1, /--timezone: must be an IANA time zone/],
      [["schedule", "settings", "--agency", "acme", "--slot-interval-minutes", "0"], "validation_failed", 1, /--slot-interval-minutes/],
      [["schedule", "settings", "--agency", "acme", "--travel-buffer-minutes", "ten"], "usage", 64, /--travel-buffer-minutes must be a whole number/],
      [["schedule", "hours", "--agency", "acme", "--days", "mon", "--open", "18:00", "--close", "08:00"], "validation_failed", 1, /--close: must be later than open/],
      [["schedule", "hours", "--agency", "acme", "--days", "funday", "--open", "08:00", "--close", "18:00"], "validation_failed", 1, /--days: "funday" is not a weekday/],
      [["schedule", "hours", "--agency", "acme", "--days", "mon", "--open", "08:00"], "validation_failed", 1, /--close: is required unless closed/],
      [["schedule", "hours", "--agency", "acme", "--open", "08:00", "--close", "18:00"], "usage", 64, /--days is required/],
      [["photographer", "add", "--agency", "acme", "--user", "nobody@acme.test", "--days", "mon"], "invalid_reference", 1, /user: no active user nobody@acme.test/],
      [["photographer", "remove", "--agency", "acme", "--user", "pat@acme.test"], "invalid_reference", 1, /not an active photographer/],
      [["block", "add", "--agency", "acme", "--from", "2027-03-18", "--to", "2027-03-17"], "validation_failed", 1, /to: must be later than from/],
      [["block", "add", "--agency", "acme", "--from", "soon", "--to", "2027-03-17"], "validation_failed", 1, /--from: must be a date/],
      [["block", "add", "--agency", "acme", "--photographer", "ann@acme.test", "--from", "2027-03-18", "--to", "2027-03-18"], "invalid_reference", 1, /not a photographer/],
      [["block", "remove", "block_01JD3Q6W4ZKXY3T5V7B9C1D2EF"], "not_found", 1, /No blocked time/],
      [["block", "remove"], "usage", 64, /needs the blocked time id/],
      // An unknown order or listing is a refusal like an unknown shoot or block, not a usage error.
      [["invoice", "send", "--order", "order_01JD3Q6W4ZKXY3T5V7B9C1D2EF"], "not_found", 1, /No order order_01JD3Q6W4ZKXY3T5V7B9C1D2EF/],
      [["invoice", "sync", "--order", "order_01JD3Q6W4ZKXY3T5V7B9C1D2EF"], "not_found", 1, /No order order_01JD3Q6W4ZKXY3T5V7B9C1D2EF/],
      [["shoot", "schedule", "--listing", "zzzzzz", "--at", "2027-03-16T09:00:00-07:00"], "listing_not_found", 1, /No listing with number ZZZZZZ/],
      [["schedule", "settings", "--agency", "nope"], "agency_not_found", 1, /nope/],
    ];
    // Each is a process of its own (a few seconds of start-up); none changes anything, so run them side by side.
    const results = await Promise.all(failures.map(([args]) => cli(args, env)));
    for (const [i, [args, code, exit, message]] of failures.entries()) {
      const result = results[i]!;
      expect({ args, code: result.json.error?.code, exit: result.code }).toEqual({ args, code, exit });
      const reason = result.stderr.trim().split("\n").filter((l) => l.startsWith("error: "));
      expect(reason).toHaveLength(1);
      expect(reason[0], args.join(" ")).toMatch(message);
    }
  }, 300_000);

  it("explains in its help that shoot schedule skips the availability checks", async () => {
    const help = await cli(["help"], {});
    expect(help.stderr).toMatch(/shoot schedule[\s\S]*operator override: books without any availability check/);
    expect(help.stderr).toContain("schedule hours --agency <slug> --days mon-fri --open 08:00 --close 18:00");
  });
});

describe("operator CLI on the embedded database", () => {
  it("works when nobody holds it, and says clearly when a running server does", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-cli-"));
    try {
      const env = { DATA_DIR: dataDir, DATABASE_URL: "" };
      const created = await cli(["agency", "create", "--slug", "solo", "--name", "Solo", "--kind", "broker", "--owner-email", "me@solo.test"], env);
      expect(created.code).toBe(0);
      expect(created.stderr).toContain("embedded database");

      const release = lockEmbeddedDatabase(path.join(dataDir, "pglite"), "server");
      try {
        const busy = await cli(["agency", "list"], env);
        expect(busy.code).toBe(75);
        expect(busy.json.error.code).toBe("database_busy");
        expect(busy.stderr).toMatch(/in use by a running Valara server \(pid \d+/);
      } finally {
        release();
      }
      expect((await cli(["agency", "list"], env)).json.agencies).toHaveLength(1);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
