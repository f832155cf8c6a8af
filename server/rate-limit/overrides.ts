// Platform admins' overrides of a budget's limit for one API key or one agency (its ceiling, all
// keys together). Stored in rate_limit_overrides; each process keeps them in memory and reloads
// them at most every OVERRIDES_TTL_MS (one query, single-flight), so a change reaches every
// process within seconds, at once in the one that made it. The shared state lives on globalThis
// (the custom server and Next's chunks load separate copies of this module).
import type { PrismaClient } from "../db/generated/client.ts";
import { newId } from "../ids";
import { AppError, notFound } from "../errors";
import { findAgencyBySlugOrId } from "../agencies/agencies";
import { BUDGETS, type BudgetName } from "./budgets";

export const OVERRIDES_TTL_MS = 5_000;
export const MAX_OVERRIDE_LIMIT = 1_000_000;
export const OVERRIDE_KINDS = ["key", "agency"] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export interface OverrideDto {
  id: string;
  kind: OverrideKind;
  subject_id: string;
  subject_label: string | null;
  budget: BudgetName;
  limit: number;
  default_limit: number;
  updated_at: string;
}

interface State {
  map: Map<string, number> | null;
  loadedAt: number;
  loading: Promise<void> | null;
  generation: number;
}
const STATE = Symbol.for("valara.rateLimitOverrides");
const states: WeakMap<object, State> = ((globalThis as { [STATE]?: WeakMap<object, State> })[STATE] ??= new WeakMap());
const stateOf = (prisma: PrismaClient) => {
  let state = states.get(prisma);
  if (!state) states.set(prisma, (state = { map: null, loadedAt: 0, loading: null, generation: 0 }));
  return state;
};
const slot = (kind: OverrideKind, id: string, budget: string) => `${kind}:${id}:${budget}`;

export function invalidateOverrides(prisma: PrismaClient): void {
  const state = stateOf(prisma);
  state.generation++;
  state.map = null;
  state.loading = null;
}

/** The limiter's view: refresh() before counting, lookup() synchronously while counting. */
export function overrideSource(prisma: PrismaClient, ttlMs = OVERRIDES_TTL_MS) {
  const state = stateOf(prisma);
  return {
    async refresh(now = Date.now()): Promise<void> {
      if (state.map && now - state.loadedAt <= ttlMs) return;
      state.loading ??= (async () => {
        const started = state.generation;
        const rows = await prisma.$queryRaw<Array<{ kind: OverrideKind; subjectId: string; budget: string; limit: number }>>`
          SELECT kind, subject_id AS "subjectId", budget, "limit" FROM rate_limit_overrides`;
        if (started !== state.generation) return;
        state.map = new Map(rows.map((row) => [slot(row.kind, row.subjectId, row.budget), row.limit]));
        state.loadedAt = Date.now();
      })().finally(() => {
        state.loading = null;
      });
      await state.loading;
    },
    lookup(subject: { kind: OverrideKind; id: string; budget: BudgetName }): number | undefined {
      return state.map?.get(slot(subject.kind, subject.id, subject.budget));
    },
  };
}

async function resolveSubject(prisma: PrismaClient, kind: OverrideKind, subject: string): Promise<string> {
  if (kind === "agency") return (await findAgencyBySlugOrId(prisma, subject.trim())).id;
  const key = await prisma.apiKey.findUnique({ where: { id: subject.trim() }, select: { id: true } });
  if (!key) throw notFound("api_key", subject);
  return key.id;
}

function checkBudget(budget: string): BudgetName {
  if (!Object.hasOwn(BUDGETS, budget)) {
    throw new AppError("validation_failed", `budget: no budget named ${budget}`, [{ field: "budget", message: `no budget named ${budget}; one of ${Object.keys(BUDGETS).join(", ")}` }]);
  }
  return budget as BudgetName;
}

/** Sets (or replaces) the override of one budget for a key or an agency. */
export async function setOverride(prisma: PrismaClient, input: { kind: OverrideKind; subject: string; budget: string; limit: number }): Promise<OverrideDto> {
  const budget = checkBudget(input.budget);
  if (!Number.isInteger(input.limit) || input.limit < 0 || input.limit > MAX_OVERRIDE_LIMIT) {
    throw new AppError("validation_failed", `limit: must be a whole number from 0 to ${MAX_OVERRIDE_LIMIT}`, [{ field: "limit", message: `must be a whole number from 0 to ${MAX_OVERRIDE_LIMIT}` }]);
  }
  const subjectId = await resolveSubject(prisma, input.kind, input.subject);
  const row = await prisma.rateLimitOverride.upsert({
    where: { kind_subjectId_budget: { kind: input.kind, subjectId, budget } },
    create: { id: newId("rateLimitOverride"), kind: input.kind, subjectId, budget, limit: input.limit },
    update: { limit: input.limit },
  });
  invalidateOverrides(prisma);
  return (await describe(prisma, [row]))[0]!;
}

/** Removes an override (back to the default); removing a missing one is a 404. */
export async function removeOverride(prisma: PrismaClient, input: { kind: OverrideKind; subject: string; budget: string }): Promise<{ removed: true }> {
  const budget = checkBudget(input.budget);
  const subjectId = await resolveSubject(prisma, input.kind, input.subject);
  const { count } = await prisma.rateLimitOverride.deleteMany({ where: { kind: input.kind, subjectId, budget } });
  if (count === 0) throw new AppError("not_found", `No override of ${budget} for that ${input.kind}.`);
  invalidateOverrides(prisma);
  return { removed: true };
}

export async function listOverrides(prisma: PrismaClient, filter: { kind?: OverrideKind; subjectId?: string } = {}): Promise<OverrideDto[]> {
  const rows = await prisma.rateLimitOverride.findMany({ where: { kind: filter.kind, subjectId: filter.subjectId }, orderBy: [{ kind: "asc" }, { subjectId: "asc" }, { budget: "asc" }] });
  return describe(prisma, rows);
}

type Row = Awaited<ReturnType<PrismaClient["rateLimitOverride"]["findMany"]>>[number];

async function describe(prisma: PrismaClient, rows: Row[]): Promise<OverrideDto[]> {
  const keyIds = rows.filter((r) => r.kind === "key").map((r) => r.subjectId);
  const agencyIds = rows.filter((r) => r.kind === "agency").map((r) => r.subjectId);
  const [keys, agencies] = await Promise.all([
    keyIds.length ? prisma.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true, displayPrefix: true, agency: { select: { name: true } } } }) : [],
    agencyIds.length ? prisma.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, name: true } }) : [],
  ]);
  return rows.map((row) => {
    const key = keys.find((k) => k.id === row.subjectId);
    const agency = agencies.find((a) => a.id === row.subjectId);
    const budget = row.budget as BudgetName;
    return {
      id: row.id,
      kind: row.kind as OverrideKind,
      subject_id: row.subjectId,
      subject_label: key ? `${key.name} (${key.displayPrefix}) of ${key.agency.name}` : agency ? agency.name : null,
      budget,
      limit: row.limit,
      default_limit: BUDGETS[budget]?.limit ?? 0,
      updated_at: row.updatedAt.toISOString(),
    };
  });
}
