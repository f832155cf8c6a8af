// A route of /api/v1 served by a handler of its own rather than a procedure (the media upload
// takes multipart, the download answers bytes). The REST pipeline gives it everything the
// procedures get: the request id, 404/405, authentication with the credentials it accepts, the
// scope check, the idempotency key (validated; the handler runs the ledger itself, because its
// fingerprint covers a body only it reads), and the envelope on every error.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import type { Database } from "../db/client";
import type { StoredResponse } from "./idempotency";
import type { CustomRouteSpec } from "./routes";
import type { Caller, CredentialKind } from "./credentials";

/** What a request produced: a JSON (or empty) body, or a stream of bytes. */
export type Outcome =
  | (StoredResponse & { headers?: Record<string, string>; replayed?: boolean; stream?: undefined })
  | { status: number; headers: Record<string, string>; stream: Readable; body?: undefined; replayed?: undefined };

export interface CustomRouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** The path below /api/v1, normalized ("/media/media_01J…"). */
  path: string;
  caller: Caller;
  db: Database;
  /** POST: the validated X-Idempotency-Key. */
  idempotencyKey?: string;
}

export interface CustomRoute extends CustomRouteSpec {
  /** The credentials it accepts, in the order they are tried. */
  auth: readonly CredentialKind[];
  handle(context: CustomRouteContext): Promise<Outcome>;
}
