// Operator denials (abuse protection): platform admins deny an API key, an agency's whole API
// access, or a client address / CIDR range, with a reason and an optional expiry. A denied
// /api/v1 request gets 403 access_denied before any other work.
// Cost: every process keeps the active rules in memory and reloads them at most every
// DENIALS_TTL_MS (one small query, shared by all requests meanwhile: single-flight), so a request
// costs one cached lookup and a change made anywhere takes effect on every process within
// seconds (at once in the process that made it).
import type { PrismaClient } from "../db/generated/client.ts";
import { newId } from "../ids";
import { AppError, notFound } from "../errors";
import { findAgencyBySlugOrId } from "../agencies/agencies";
import { inRange, parseRange, rangeText, type Range } from "./client-address";

export const DENIAL_KINDS = ["api_key", "agency", "ip"] as const;
export type DenialKind = (typeof DENIAL_KINDS)[number];

export const DENIALS_TTL_MS = 5_000;

export interface DenialDto {
  id: string;
  kind: DenialKind;
  subject: string;
  /** What the subject is, for people: the key's name and agency, the agency's name. */
  subject_label: string | null;
  reason: string;
  expires_at: string | null;
  created_at: string;
  created_by: { id: string; name: string; email: string } | null;
  created_via: "dashboard" | "cli";
  lifted_at: string | null;
  status: "active" | "expired" | "lifted";
}

interface Rule {
  id: string;
  kind: DenialKind;
  subject: string;
  reason: string;
  expiresAt: Date | null;
}

export interface CreateDenialInput {
  kind: DenialKind;
  /** Key id, agency id or slug, or an address / CIDR. */
  subject: string;
  reason: string;
  expiresAt?: Date | null;
}

function statusOf(row: { liftedAt: Date | null; expiresAt: Date | null }, now = new Date()): DenialDto["status"] {
  if (row.liftedAt) return "lifted";
  if (row.expiresAt && row.expiresAt <= now) return "expired";
  return "active";
}

export async function createDenial(
  prisma: PrismaClient,
  input: CreateDenialInput,
  by: { userId: string | null; via: "dashboard" | "cli" },
  now = new Date(),
): Promise<DenialDto> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("validation_failed", "reason: give a reason", [{ field: "reason", message: "give a reason" }]);
  if (reason.length > 500) throw new AppError("validation_failed", "reason: at most 500 characters", [{ field: "reason", message: "at most 500 characters" }]);
  if (input.expiresAt && input.expiresAt <= now) {
    throw new AppError("validation_failed", "expires_at: must be in the future", [{ field: "expires_at", message: "must be in the future" }]);
  }
  let subject = input.subject.trim();
  if (input.kind === "api_key") {
    const key = await prisma.apiKey.findUnique({ where: { id: subject }, select: { id: true } });
    if (!key) throw notFound("api_key", subject);
  } else if (input.kind === "agency") {
    subject = (await findAgencyBySlugOrId(prisma, subject)).id;
  } else {
    const range = parseRange(subject);
    if (!range) throw new AppError("validation_failed", "subject: not an IP address or CIDR range", [{ field: "subject", message: "not an IP address or CIDR range" }]);
    subject = rangeText(range);
  }
  const row = await prisma.accessDenial.create({
    data: { id: newId("accessDenial"), kind: input.kind, subject, reason, expiresAt: input.expiresAt ?? null, createdByUserId: by.userId, createdVia: by.via, createdAt: now },
  });
  invalidateDenials(prisma);
  return (await describe(prisma, [row], now))[0]!;
}

/** Lifts a denial at once (lifting a lifted one changes nothing). */
export async function liftDenial(prisma: PrismaClient, id: string, now = new Date()): Promise<DenialDto> {
  const row = await prisma.accessDenial.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", `No denial ${id}.`);
  const updated = row.liftedAt ? row : await prisma.accessDenial.update({ where: { id }, data: { liftedAt: now } });
  invalidateDenials(prisma);
  return (await describe(prisma, [updated], now))[0]!;
}

/** Active denials, newest first; with `all`, lifted and expired ones too (the last 200). */
export async function listDenials(prisma: PrismaClient, options: { all?: boolean } = {}, now = new Date()): Promise<DenialDto[]> {
  const rows = await prisma.accessDenial.findMany({
    where: options.all ? {} : { liftedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { id: "desc" },
    take: 200,
  });
  return describe(prisma, rows, now);
}

type DenialRow = Awaited<ReturnType<PrismaClient["accessDenial"]["findMany"]>>[number];

async function describe(prisma: PrismaClient, rows: DenialRow[], now: Date): Promise<DenialDto[]> {
  const keyIds = rows.filter((r) => r.kind === "api_key").map((r) => r.subject);
  const agencyIds = rows.filter((r) => r.kind === "agency").map((r) => r.subject);
  const userIds = rows.map((r) => r.createdByUserId).filter((id): id is string => Boolean(id));
  const [keys, agencies, users] = await Promise.all([
    keyIds.length ? prisma.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true, displayPrefix: true, agency: { select: { name: true } } } }) : [],
    agencyIds.length ? prisma.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [],
  ]);
  return rows.map((row) => {
    const key = keys.find((k) => k.id === row.subject);
    const agency = agencies.find((a) => a.id === row.subject);
    return {
      id: row.id,
      kind: row.kind as DenialKind,
      subject: row.subject,
      subject_label: row.kind === "api_key" && key ? `${key.name} (${key.displayPrefix}) of ${key.agency.name}` : row.kind === "agency" && agency ? agency.name : null,
      reason: row.reason,
      expires_at: row.expiresAt?.toISOString() ?? null,
      created_at: row.createdAt.toISOString(),
      created_by: users.find((u) => u.id === row.createdByUserId) ?? null,
      created_via: row.createdVia === "cli" ? "cli" : "dashboard",
      lifted_at: row.liftedAt?.toISOString() ?? null,
      status: statusOf(row, now),
    };
  });
}

// ── The per-process cache ───────────────────────────────────────────────────────────────────

interface Snapshot {
  loadedAt: number;
  keys: Map<string, Rule>;
  agencies: Map<string, Rule>;
  ranges: Array<{ range: Range; rule: Rule }>;
}

interface CacheState {
  snapshot: Snapshot | null;
  loading: Promise<Snapshot> | null;
  generation: number;
}

// One cache per database client (tests run several databases in one process), on globalThis:
// the custom server and Next's chunks load separate copies of this module, and a change made
// from the dashboard (Next) must invalidate the cache the REST handler (custom server) reads.
const CACHES = Symbol.for("valara.accessDenials");
const caches: WeakMap<object, CacheState> = ((globalThis as { [CACHES]?: WeakMap<object, CacheState> })[CACHES] ??= new WeakMap());
const stateOf = (prisma: PrismaClient) => {
  let state = caches.get(prisma);
  if (!state) caches.set(prisma, (state = { snapshot: null, loading: null, generation: 0 }));
  return state;
};

/** Drops this process's cache (after a change here; other processes reload within the TTL). */
export function invalidateDenials(prisma: PrismaClient): void {
  const state = stateOf(prisma);
  state.generation++;
  state.snapshot = null;
  state.loading = null;
}

async function load(prisma: PrismaClient): Promise<Snapshot> {
  const state = stateOf(prisma);
  const started = state.generation;
  const rows = await prisma.$queryRaw<Rule[]>`
    SELECT id, kind, subject, reason, expires_at AS "expiresAt" FROM access_denials
    WHERE lifted_at IS NULL AND (expires_at IS NULL OR expires_at > now())`;
  const next: Snapshot = { loadedAt: Date.now(), keys: new Map(), agencies: new Map(), ranges: [] };
  for (const rule of rows) {
    if (rule.kind === "api_key") next.keys.set(rule.subject, rule);
    else if (rule.kind === "agency") next.agencies.set(rule.subject, rule);
    else {
      const range = parseRange(rule.subject);
      if (range) next.ranges.push({ range, rule });
    }
  }
  // A change made while loading: this result may predate it, so do not keep it.
  if (started === state.generation) state.snapshot = next;
  return next;
}

export interface DenialMatcher {
  /** The rule denying this address, if any. */
  address(address: string | null): Rule | undefined;
  /** The rule denying this key or its agency, if any. */
  key(keyId: string, agencyId: string): Rule | undefined;
}

/** The active rules, from memory when fresh (one query per TTL per process otherwise). */
export async function denialMatcher(prisma: PrismaClient, ttlMs = DENIALS_TTL_MS, now = Date.now()): Promise<DenialMatcher> {
  const state = stateOf(prisma);
  let current = state.snapshot;
  if (!current || now - current.loadedAt > ttlMs) {
    state.loading ??= load(prisma).finally(() => {
      state.loading = null;
    });
    current = await state.loading;
  }
  const live = (rule: Rule | undefined) => (rule && (!rule.expiresAt || rule.expiresAt.getTime() > now) ? rule : undefined);
  const { keys, agencies, ranges } = current;
  return {
    address: (address) => (address && ranges.length ? live(ranges.find(({ range, rule }) => live(rule) && inRange(address, range))?.rule) : undefined),
    key: (keyId, agencyId) => live(keys.get(keyId)) ?? live(agencies.get(agencyId)),
  };
}

const WHAT: Record<DenialKind, string> = {
  api_key: "this API key",
  agency: "your agency's API access",
  ip: "requests from your address",
};

export function accessDeniedError(rule: Rule): AppError {
  const until = rule.expiresAt ? `until ${rule.expiresAt.toISOString()}` : "until further notice";
  return new AppError(
    "access_denied",
    `Valara's operators denied ${WHAT[rule.kind]} ${until} (rule ${rule.id}): ${rule.reason} Contact Valara support and quote the request_id.`,
    undefined,
    undefined,
    { rule_id: rule.id, denied: rule.kind, expires_at: rule.expiresAt?.toISOString() ?? null },
  );
}
