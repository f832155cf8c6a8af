// Provisions e2e data through the operator CLI (the production bundle dist/cli.js) against the
// e2e server's PostgreSQL database: black-box, and it exercises the CLI too.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { e2eDatabaseUrl } from "./env";

const run = promisify(execFile);

export interface CliResult<T = Record<string, unknown>> {
  json: T;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `node dist/cli.js ...args`; resolves (does not throw) on a non-zero exit. */
export async function cli<T = Record<string, unknown>>(args: string[], env: Record<string, string> = {}): Promise<CliResult<T>> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["dist/cli.js", ...args], {
      env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), LOG_LEVEL: "warn", ...env },
    });
    return { json: lastJsonLine<T>(stdout), stdout, stderr, exitCode: 0 };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: number };
    return { json: lastJsonLine<T>(failure.stdout ?? ""), stdout: failure.stdout ?? "", stderr: failure.stderr ?? "", exitCode: failure.code ?? 1 };
  }
}

function lastJsonLine<T>(stdout: string): T {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as T;
  } catch {
    return {} as T;
  }
}

async function ok<T>(args: string[]): Promise<T> {
  const result = await cli<T>(args);
  if (result.exitCode !== 0) throw new Error(`cli ${args.join(" ")} failed: ${result.stderr}`);
  return result.json;
}

export interface ProvisionedAgency {
  slug: string;
  id: string;
  ownerId: string;
  ownerEmail: string;
  agentIds: string[];
  viewerId: string;
  /** A key with every scope. */
  key: string;
}

export const E2E_PASSWORD = "e2e-password-123";

/** A fresh media agency with an owner, two agents, a viewer, package "essentials" ($249) and an all-scopes key. */
export async function provisionAgency(label = "agency"): Promise<ProvisionedAgency> {
  const slug = `${label}-${randomBytes(4).toString("hex")}`.toLowerCase().slice(0, 40);
  const created = await ok<{ agency: { id: string }; owner: { id: string; email: string } }>([
    "agency", "create", "--slug", slug, "--name", `E2E ${slug}`, "--kind", "media_agency",
    "--owner-email", `owner@${slug}.test`, "--owner-password", E2E_PASSWORD,
  ]);
  const user = (role: string, local: string) =>
    ok<{ user: { id: string } }>([
      "user", "create", "--agency", slug, "--email", `${local}@${slug}.test`, "--name", `${local} ${slug}`, "--role", role, "--password", E2E_PASSWORD,
    ]);
  const [a1, a2, viewer] = await Promise.all([user("agent", "agent1"), user("agent", "agent2"), user("viewer", "viewer")]);
  await ok(["package", "create", "--agency", slug, "--code", "essentials", "--name", "Essentials Photo", "--duration-minutes", "90", "--price-cents", "24900"]);
  const key = await ok<{ key: string }>(["key", "create", "--agency", slug, "--name", "e2e all scopes", "--scopes", "all"]);
  return {
    slug,
    id: created.agency.id,
    ownerId: created.owner.id,
    ownerEmail: created.owner.email,
    agentIds: [a1.user.id, a2.user.id],
    viewerId: viewer.user.id,
    key: key.key,
  };
}

export async function mintKey(slug: string, scopes: string, extra: string[] = []): Promise<{ key: string; id: string }> {
  const result = await ok<{ key: string; api_key: { id: string } }>(["key", "create", "--agency", slug, "--name", `e2e ${scopes}`, "--scopes", scopes, ...extra]);
  return { key: result.key, id: result.api_key.id };
}

/** Runs the CLI as if the clock read `offsetMs` from now (see clock-shift.mjs); the server is untouched. */
export async function cliAtClockOffset<T = Record<string, unknown>>(offsetMs: number, args: string[]): Promise<CliResult<T>> {
  const preload = pathToFileURL(path.resolve("e2e/support/clock-shift.mjs")).href;
  return cli<T>(args, {
    CLOCK_OFFSET_MS: String(offsetMs),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${preload}`.trim(),
  });
}

/** Revokes a key through the operator CLI (`key revoke <id>`). */
export async function revokeKey(id: string): Promise<void> {
  await ok(["key", "revoke", id]);
}

/** Schedules a shoot on a listing through the operator CLI; returns the shoot as the CLI prints it. */
export async function scheduleShoot(
  listingNumber: string,
  startsAt: Date,
  durationMinutes = 90,
): Promise<{ id: string; status: string; starts_at: string; ends_at: string }> {
  const result = await ok<{ shoot: { id: string; status: string; starts_at: string; ends_at: string } }>([
    "shoot", "schedule", "--listing", listingNumber, "--at", startsAt.toISOString(), "--duration-minutes", String(durationMinutes),
  ]);
  return result.shoot;
}

/** Creates a user in an agency through the operator CLI; returns its id. */
export async function createUser(slug: string, role: string, local: string, team?: string): Promise<string> {
  const result = await ok<{ user: { id: string } }>([
    "user", "create", "--agency", slug, "--email", `${local}@${slug}.test`, "--name", `${local} ${slug}`, "--role", role,
    "--password", E2E_PASSWORD, ...(team ? ["--team", team] : []),
  ]);
  return result.user.id;
}

// ------------------------------------------------------------------ scheduling

export interface SchedulingSettings {
  timezone?: string;
  travelBufferMinutes?: number;
  minimumNoticeMinutes?: number;
  slotIntervalMinutes?: number;
}

/** `schedule settings`: sets what is given; returns the agency's scheduling as the CLI prints it. */
export async function setSchedulingSettings(slug: string, settings: SchedulingSettings): Promise<any> {
  const flags: [string, string | number | undefined][] = [
    ["--timezone", settings.timezone],
    ["--travel-buffer-minutes", settings.travelBufferMinutes],
    ["--minimum-notice-minutes", settings.minimumNoticeMinutes],
    ["--slot-interval-minutes", settings.slotIntervalMinutes],
  ];
  const args = flags.flatMap(([flag, value]) => (value === undefined ? [] : [flag, String(value)]));
  return (await ok<{ scheduling: unknown }>(["schedule", "settings", "--agency", slug, ...args])).scheduling;
}

/** `schedule hours`: the same hours on `days` ("mon-fri"), or closed. */
export async function setBusinessHours(slug: string, days: string, hours: { open: string; close: string } | "closed"): Promise<void> {
  await ok(["schedule", "hours", "--agency", slug, "--days", days, ...(hours === "closed" ? ["--closed"] : ["--open", hours.open, "--close", hours.close])]);
}

/** `photographer add`: the user (email or id) shoots on `days` ("tue-sat"). */
export async function addPhotographer(slug: string, user: string, days: string): Promise<void> {
  await ok(["photographer", "add", "--agency", slug, "--user", user, "--days", days]);
}

export async function removePhotographer(slug: string, user: string): Promise<void> {
  await ok(["photographer", "remove", "--agency", slug, "--user", user]);
}

/** `block add`: blocked time for a photographer, or the whole agency; returns its id. */
export async function blockTime(slug: string, block: { photographer?: string; from: string; to: string; reason?: string }): Promise<string> {
  const result = await ok<{ blocked_time: { id: string } }>([
    "block", "add", "--agency", slug, "--from", block.from, "--to", block.to,
    ...(block.photographer ? ["--photographer", block.photographer] : []),
    ...(block.reason ? ["--reason", block.reason] : []),
  ]);
  return result.blocked_time.id;
}

export async function unblockTime(id: string): Promise<void> {
  await ok(["block", "remove", id]);
}

/**
 * A provisioned agency that takes shoots: open every day 08:00-18:00 in `timezone` (default Los
 * Angeles), its two agents photographers every day, the default notice, buffer and interval
 * unless given. `photographerIds` are in the order Valara tries them (ascending).
 */
export async function provisionSchedulingAgency(
  label: string,
  settings: SchedulingSettings = {},
): Promise<ProvisionedAgency & { photographerIds: string[] }> {
  const agency = await provisionAgency(label);
  await setSchedulingSettings(agency.slug, { timezone: "America/Los_Angeles", ...settings });
  await setBusinessHours(agency.slug, "all", { open: "08:00", close: "18:00" });
  for (const id of agency.agentIds) await addPhotographer(agency.slug, id, "all");
  return { ...agency, photographerIds: [...agency.agentIds].sort() };
}
