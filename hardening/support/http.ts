// A small /api/v1 client over fetch: real HTTP against the production server. Every answer's
// text is scanned for secrets (keys, tickets, signing secrets) so the log check knows them.
import { randomUUID } from "node:crypto";
import { secrets } from "./secrets";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
  /** The network error when no answer came (status 0). */
  error?: string;
}

export interface CallOptions {
  key?: string | null;
  idempotencyKey?: string | null;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON-encoding the body. */
  raw?: string | Buffer;
  signal?: AbortSignal;
}

export const idem = () => randomUUID();

export async function call(baseUrl: string, method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Answer> {
  const writes = method === "POST" || method === "PATCH";
  const headers: Record<string, string> = {
    ...(options.key ? { "X-API-Key": options.key } : {}),
    ...(writes && options.idempotencyKey !== null ? { "X-Idempotency-Key": options.idempotencyKey ?? idem() } : {}),
    ...(body !== undefined || options.raw !== undefined ? { "Content-Type": "application/json" } : {}),
    ...options.headers,
  };
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: (options.raw as BodyInit | undefined) ?? (body === undefined ? undefined : JSON.stringify(body)),
      redirect: "manual",
      signal: options.signal,
    });
    const text = await response.text();
    secrets.scan(text, `response of ${method} ${path}`);
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  } catch (error) {
    return { status: 0, headers: new Headers(), text: "", body: undefined, error: String((error as Error).cause ?? error) };
  }
}

/** True when the body is Valara's error envelope with its three required fields. */
export function isEnvelope(body: any): boolean {
  const error = body?.error;
  return Boolean(error) && typeof error.code === "string" && typeof error.message === "string" && /^req_[0-9A-HJKMNP-TV-Z]{26}$/.test(error.request_id ?? "");
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  }));
  return results;
}
