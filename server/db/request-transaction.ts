// One transaction around a whole write request, so that what the request changes and the
// idempotency record of its answer commit together or not at all (server/http/idempotency.ts):
// a crash or an outage at any moment leaves either both (a retry replays) or neither (a retry
// runs), never a committed change without its record (a retry would then run it twice).
//
// Domain code opens its own transactions (`scope.db.$transaction(fn)`) and knows nothing of this.
// While a request runs inside `withRequestTransaction`, the clients it can reach route to the
// request's transaction: the process's client (wrapped by `requestAware` when the database is
// opened) and every agency-scoped client from `forAgency` (server/db/tenant.ts). A `$transaction`
// there becomes a SAVEPOINT, so a domain transaction that throws still undoes its own writes and
// nothing else, as it did when it was a transaction of its own.
import { AsyncLocalStorage } from "node:async_hooks";
import { Prisma, type PrismaClient } from "./generated/client.ts";

/** The transaction client Prisma hands to `$transaction(fn)`. */
export type BaseTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export interface RequestTransaction {
  /** The process's client (unwrapped) this transaction belongs to. */
  readonly client: PrismaClient;
  readonly tx: BaseTx;
  /** False once the request's work is done: anything still running after that goes to the client. */
  open: boolean;
  savepoints: number;
  /** Agency-scoped views of tx, one per agency (server/db/tenant.ts). */
  readonly scoped: Map<string, unknown>;
  /** What to undo outside the database if the transaction does not commit (onRequestRollback). */
  readonly rollbackHooks: Array<() => Promise<void>>;
}

const current = new AsyncLocalStorage<RequestTransaction>();
const wrapped = new WeakMap<object, PrismaClient>();

/** The client itself, unwrapped if it came from `requestAware`. */
export function unwrapClient(prisma: PrismaClient): PrismaClient {
  return wrapped.get(prisma) ?? prisma;
}

/** The request transaction this client's queries go to right now, if any. */
export function activeRequestTransaction(prisma: PrismaClient): RequestTransaction | undefined {
  const state = current.getStore();
  return state?.open && state.client === unwrapClient(prisma) ? state : undefined;
}

export interface RequestTransactionOptions {
  /** How long the whole request may hold its transaction. */
  timeoutMs: number;
  /** How long to wait for a connection to start it. */
  maxWaitMs: number;
}

/** Runs `work` inside one transaction that the clients of this request share (see above). */
export async function withRequestTransaction<T>(prisma: PrismaClient, work: (tx: BaseTx) => Promise<T>, options: RequestTransactionOptions): Promise<T> {
  const client = unwrapClient(prisma);
  if (activeRequestTransaction(client)) throw new Error("a request transaction is already open in this request");
  const rollbackHooks: Array<() => Promise<void>> = [];
  try {
    return await client.$transaction(
      async (tx) => {
        const state: RequestTransaction = { client, tx, open: true, savepoints: 0, scoped: new Map(), rollbackHooks };
        try {
          return await current.run(state, () => work(tx));
        } finally {
          state.open = false;
        }
      },
      { timeout: options.timeoutMs, maxWait: options.maxWaitMs },
    );
  } catch (error) {
    // Outside the transaction now (its queries go to the client): each hook checks for itself
    // what the database kept, since a COMMIT whose answer was lost may have gone through.
    await Promise.allSettled(rollbackHooks.map((hook) => hook()));
    throw error;
  }
}

/**
 * Asks for `undo` to run if the request transaction open now fails to commit: for effects outside
 * the database (files moved into place) that its rollback cannot take back. Returns false when no
 * request transaction is open (the caller's own transaction has then already committed).
 */
export function onRequestRollback(undo: () => Promise<void>): boolean {
  const state = current.getStore();
  if (!state?.open) return false;
  state.rollbackHooks.push(undo);
  return true;
}

/**
 * `$transaction` inside a request transaction: the callback form runs in a savepoint on the
 * request's transaction (with `client` as its transaction client); the array form runs its
 * queries one after the other. Options (timeouts) are the request transaction's.
 */
export async function nestedTransaction(state: RequestTransaction, client: unknown, arg: unknown): Promise<unknown> {
  if (typeof arg !== "function") {
    const results: unknown[] = [];
    for (const query of arg as PromiseLike<unknown>[]) results.push(await query);
    return results;
  }
  const name = `request_savepoint_${++state.savepoints}`;
  await state.tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
  let result: unknown;
  try {
    result = await (arg as (client: unknown) => Promise<unknown>)(client);
  } catch (error) {
    // If this fails too the transaction is lost; the request fails with the original error.
    await state.tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
    throw error;
  }
  await state.tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
  return result;
}

const MODEL_KEYS = new Set<string>(Object.values(Prisma.ModelName).map((name) => name.charAt(0).toLowerCase() + name.slice(1)));
const RAW_KEYS = new Set(["$executeRaw", "$executeRawUnsafe", "$queryRaw", "$queryRawUnsafe"]);

/** Whether `prop` is a model delegate (`tour`, `media`…) or a raw query method of a client. */
export function isQueryProperty(prop: string | symbol): prop is string {
  return typeof prop === "string" && (MODEL_KEYS.has(prop) || RAW_KEYS.has(prop));
}

/** `value` taken from `owner`, bound to it if it is a method (Prisma's methods use `this`). */
export function bound(owner: object, prop: string | symbol): unknown {
  const value: unknown = Reflect.get(owner, prop, owner);
  return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(owner) : value;
}

/**
 * The process's client, made to follow the request transaction: its models, raw queries and
 * `$transaction` go to the transaction while one is open in the calling request; everything else,
 * and every call outside a request transaction, goes to the client unchanged.
 */
export function requestAware(client: PrismaClient): PrismaClient {
  const proxy = new Proxy(client, {
    get(target, prop) {
      const state = current.getStore();
      if (state?.open && state.client === target) {
        if (prop === "$transaction") return (arg: unknown) => nestedTransaction(state, proxy, arg);
        if (isQueryProperty(prop)) return bound(state.tx, prop);
      }
      return bound(target, prop);
    },
  });
  wrapped.set(proxy, client);
  return proxy;
}
