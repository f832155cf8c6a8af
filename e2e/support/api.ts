// A thin client for /api/v1 over Playwright's APIRequestContext, and the assertions every REST
// spec shares: the error envelope, request ids, idempotency keys, listing creation.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { E2E_BASE_URL } from "./env";
import type { ProvisionedAgency } from "./cli";

export const API = "/api/v1";
/** The server's APP_URL (scripts/e2e-server.mjs sets it to the URL it listens on). */
export const APP_URL = E2E_BASE_URL;

/** Crockford base32 (no I, L, O, U). */
export const CROCKFORD26 = "[0-9A-HJKMNP-TV-Z]{26}";
export const REQUEST_ID = new RegExp(`^req_${CROCKFORD26}$`);
export const USER_ID = new RegExp(`^user_${CROCKFORD26}$`);
export const API_KEY = new RegExp(`^ma_live_ak_${CROCKFORD26}$`);
export const LISTING_NUMBER = /^[A-Z0-9]{6,8}$/;

export interface Res<T = any> {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  body: T;
  raw: APIResponse;
}

export async function wrap<T = any>(raw: APIResponse): Promise<Res<T>> {
  const text = (await raw.body()).toString("utf8");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: raw.status(), headers: raw.headers(), text, body: body as T, raw };
}

export const idemKey = () => randomUUID();

type Query = Record<string, string | number | boolean>;

export interface CallOptions {
  /** Extra or overriding headers; a header set to undefined is not sent. */
  headers?: Record<string, string | undefined>;
  params?: Query;
  /** POST/PATCH: the idempotency key to send (default: a fresh one; null: none). */
  idempotencyKey?: string | null;
  /** Send this exact text as the body instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
}

/** An /api/v1 client authenticated with one API key (or none). */
export class ApiClient {
  constructor(
    readonly request: APIRequestContext,
    readonly key?: string,
  ) {}

  withKey(key: string | undefined): ApiClient {
    return new ApiClient(this.request, key);
  }

  private headers(extra: Record<string, string | undefined> = {}): Record<string, string> {
    const all: Record<string, string | undefined> = { ...(this.key ? { "X-API-Key": this.key } : {}), ...extra };
    return Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined));
  }

  async call<T = any>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Res<T>> {
    const writes = method === "POST" || method === "PATCH" || method === "PUT";
    const idempotency =
      writes && options.idempotencyKey !== null ? { "X-Idempotency-Key": options.idempotencyKey ?? idemKey() } : {};
    const hasBody = options.rawBody !== undefined || body !== undefined;
    const headers = this.headers({
      ...idempotency,
      ...(hasBody ? { "Content-Type": "application/json" } : {}),
      ...options.headers,
    });
    const raw = await this.request.fetch(`${API}${path}`, {
      method,
      headers,
      params: options.params,
      // Always bytes: Playwright would JSON-encode a string that does not parse as JSON.
      data: hasBody ? Buffer.from(options.rawBody ?? JSON.stringify(body)) : undefined,
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    return wrap<T>(raw);
  }

  get<T = any>(path: string, options?: CallOptions) {
    return this.call<T>("GET", path, undefined, options);
  }
  post<T = any>(path: string, body?: unknown, options?: CallOptions) {
    return this.call<T>("POST", path, body, options);
  }
  patch<T = any>(path: string, body?: unknown, options?: CallOptions) {
    return this.call<T>("PATCH", path, body, options);
  }
}

/** Every response carries X-Request-Id = req_<ULID>; returns it. */
export function expectRequestId(res: Res): string {
  const id = res.headers["x-request-id"];
  expect(id, `X-Request-Id on ${res.status}`).toMatch(REQUEST_ID);
  return id!;
}

export interface ErrorBody {
  code: string;
  message: string;
  request_id: string;
  details?: { field: string; message: string }[];
}

/**
 * Asserts the error envelope exactly: the status, {"error":{code,message,request_id[,details],doc_url}}
 * and nothing else, JSON content type, and request_id = X-Request-Id (unless `replayed`, where the
 * body is the stored one and keeps the original request's id).
 */
export function expectError(res: Res, status: number, code: string, options: { replayed?: boolean } = {}): ErrorBody {
  const context = `${res.status} ${res.text.slice(0, 400)}`;
  expect(res.status, context).toBe(status);
  expect(res.headers["content-type"], context).toMatch(/^application\/json/);
  expect(Object.keys(res.body ?? {}), context).toEqual(["error"]);
  const error = res.body.error as ErrorBody;
  expect(error.code, context).toBe(code);
  const keys = Object.keys(error).sort();
  expect(keys, context).toEqual(
    error.details === undefined ? ["code", "doc_url", "message", "request_id"] : ["code", "details", "doc_url", "message", "request_id"],
  );
  expect((error as { doc_url?: string }).doc_url, context).toMatch(new RegExp(`/docs/errors/${code}$`));
  expect(typeof error.message).toBe("string");
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.request_id).toMatch(REQUEST_ID);
  const header = expectRequestId(res);
  if (!options.replayed) expect(error.request_id, "body request_id = X-Request-Id").toBe(header);
  // details: field problems (an array), or on a few refusals an object of facts (api_key_expired's expired_at).
  if (error.details !== undefined && !Array.isArray(error.details)) {
    expect(typeof error.details).toBe("object");
  } else if (error.details !== undefined) {
    for (const detail of error.details) {
      expect(Object.keys(detail).sort()).toEqual(["field", "message"]);
      expect(typeof detail.field).toBe("string");
      expect(detail.message.length).toBeGreaterThan(0);
    }
  }
  return error;
}

/** A validation_failed error whose details and message name each of `fields`. */
export function expectValidation(res: Res, fields: string[]): ErrorBody {
  const error = expectError(res, 400, "validation_failed");
  const named = (error.details ?? []).map((d) => d.field);
  for (const field of fields) {
    expect(named, `details name ${field}: ${res.text}`).toContain(field);
    expect(error.message, `message names ${field}`).toContain(field);
  }
  return error;
}

export function expectJson(res: Res, status: number): void {
  expect(res.status, `${res.status} ${res.text.slice(0, 400)}`).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expectRequestId(res);
}

export interface ListingInput {
  address?: string;
  owner_user_id?: string;
  agent_one_id?: string;
  agent_two_id?: string | null;
  package?: string | null;
  add_ons?: string[] | null;
  notes?: string | null;
}

export function listingBody(agency: ProvisionedAgency, overrides: ListingInput = {}): Record<string, unknown> {
  return {
    address: `${Math.floor(Math.random() * 9000) + 100} Main St, Portland, OR 97201`,
    owner_user_id: agency.ownerId,
    agent_one_id: agency.agentIds[0],
    ...overrides,
  };
}

/** POST /listings that must succeed; returns the created listing. */
export async function createListing(api: ApiClient, agency: ProvisionedAgency, overrides: ListingInput = {}): Promise<any> {
  const res = await api.post("/listings", listingBody(agency, overrides));
  expectJson(res, 201);
  return res.body;
}

/** PATCH /listings/{n}/status that must succeed. */
export async function setStatus(api: ApiClient, listingNumber: string, status: string): Promise<any> {
  const res = await api.patch(`/listings/${listingNumber}/status`, { status });
  expectJson(res, 200);
  expect(res.body.status).toBe(status);
  return res.body;
}

/** Runs `task` over `items`, at most `concurrency` at a time, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Follows next_cursor from the first page to the end; returns every page. */
export async function allPages(api: ApiClient, path: string, params: Query = {}): Promise<Res[]> {
  const pages: Res[] = [];
  let cursor = "";
  for (let guard = 0; guard < 10_000; guard++) {
    const res = await api.get(path, { params: { ...params, ...(cursor ? { cursor } : {}) } });
    expectJson(res, 200);
    pages.push(res);
    cursor = res.body.next_cursor;
    if (cursor === "") return pages;
  }
  throw new Error("pagination did not end");
}

/**
 * A request over plain node:http, for what Playwright's client normalizes away: a body without a
 * Content-Type, a chunked body of unknown length, or no body at all.
 */
export function rawRequest(options: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Written as is; with `chunked`, in 64 KiB chunks without a Content-Length. */
  body?: string | Buffer;
  chunked?: boolean;
}): Promise<Res> {
  const url = new URL(options.path, E2E_BASE_URL);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (body && !options.chunked) headers["Content-Length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        const flat = Object.fromEntries(
          Object.entries(res.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value)]),
        );
        resolve({ status: res.statusCode ?? 0, headers: flat, text, body: parsed, raw: undefined as never });
      });
      res.on("error", reject);
    });
    // The server may answer (413) before it has read everything; that is not a client error here.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    if (body && options.chunked) {
      for (let offset = 0; offset < body.length; offset += 65_536) req.write(body.subarray(offset, offset + 65_536));
    } else if (body) {
      req.write(body);
    }
    req.end();
  });
}

/** A request context of its own (for beforeAll hooks, which get no `request` fixture). */
export async function withRequest<T>(
  playwright: { request: { newContext(options: { baseURL: string }): Promise<APIRequestContext> } },
  task: (request: APIRequestContext) => Promise<T>,
): Promise<T> {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  try {
    return await task(request);
  } finally {
    await request.dispose();
  }
}
