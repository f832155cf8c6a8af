// Who is calling /api/v1, from one of three credentials (each route says which it takes):
//   - an API key (X-API-Key or Authorization: Bearer), as on every endpoint;
//   - the dashboard's session cookie (the next-auth JWT), for the endpoints the dashboard calls
//     directly (media uploads and downloads); a write with it must come from the app's own
//     origin (Origin, failing that Referer), or it is 403 (server/auth/origin.ts);
//   - an upload ticket (X-Upload-Ticket), for the upload endpoint only.
// When a request carries several, the first of that list wins.
import type { IncomingMessage } from "node:http";
import { getToken } from "next-auth/jwt";
import type { PrismaClient } from "../db/generated/client.ts";
import { AppError } from "../errors";
import { authenticateApiKey, presentedApiKey } from "../api-keys/authenticate";
import { resolveAgency, type ApiKeyActor, type UserActor } from "../api/trpc";
import { ACTING_AGENCY_COOKIE, userActorFor } from "../auth/user-actor";
import { crossOriginRefusal } from "../auth/origin";
import type { Scope } from "../auth/scopes";
import { findUploadTicket, type UploadTicketRecord } from "../media/upload-tickets";

export type CredentialKind = "api_key" | "session" | "upload_ticket";

export type Caller =
  | { via: "api_key"; agencyId: string; scopes: readonly Scope[]; actor: ApiKeyActor }
  | { via: "session"; agencyId: string; scopes: readonly Scope[]; actor: UserActor }
  | { via: "upload_ticket"; agencyId: string; scopes: readonly Scope[]; ticket: UploadTicketRecord };

export interface CredentialOptions {
  appUrl: string;
  /** Signs dashboard sessions; the server sets NEXTAUTH_SECRET before it starts. */
  sessionSecret?: string;
  onKeyUseError?: (error: unknown) => void;
}

export const UPLOAD_TICKET_HEADER = "x-upload-ticket";

/** Cookies of a request, by name. Eight lines rather than a dependency for one header's syntax. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    if (!(name in cookies)) cookies[name] = safeDecode(raw);
  }
  return cookies;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const headerOf = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

/** next-auth's session cookie (possibly chunked: name.0, name.1, ...) is present. */
function hasSessionCookie(cookies: Record<string, string>): boolean {
  return Object.keys(cookies).some((name) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(name));
}

/** The origin a browser says the request comes from: Origin, or failing that Referer's origin. */
export function requestOrigin(req: IncomingMessage): string | undefined {
  const origin = headerOf(req, "origin");
  if (origin && origin !== "null") return origin;
  const referer = headerOf(req, "referer");
  if (!referer) return origin;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

export async function authenticateRequest(
  req: IncomingMessage,
  prisma: PrismaClient,
  accepted: readonly CredentialKind[],
  options: CredentialOptions,
): Promise<Caller> {
  if (accepted.includes("api_key") && presentedApiKey(req.headers)) {
    const actor = await authenticateApiKey(prisma, req.headers, options.onKeyUseError);
    return { via: "api_key", agencyId: actor.agencyId, scopes: actor.scopes, actor };
  }
  const ticket = headerOf(req, UPLOAD_TICKET_HEADER);
  if (accepted.includes("upload_ticket") && ticket) {
    const record = await findUploadTicket(prisma, ticket);
    return { via: "upload_ticket", agencyId: record.agencyId, scopes: ["media:write"], ticket: record };
  }
  const cookies = parseCookies(headerOf(req, "cookie"));
  if (accepted.includes("session") && hasSessionCookie(cookies)) {
    return authenticateSession(req, prisma, cookies, options);
  }
  // Nothing we accept: the API key's own message (authentication_required), naming the others.
  if (accepted.length === 1 && accepted[0] === "api_key") {
    const actor = await authenticateApiKey(prisma, req.headers, options.onKeyUseError);
    return { via: "api_key", agencyId: actor.agencyId, scopes: actor.scopes, actor };
  }
  const ways = [
    "an API key in X-API-Key or Authorization: Bearer",
    ...(accepted.includes("upload_ticket") ? ["an upload ticket in X-Upload-Ticket"] : []),
    ...(accepted.includes("session") ? ["a dashboard session"] : []),
  ];
  throw new AppError("authentication_required", `Send ${ways.join(", or ")}.`);
}

async function authenticateSession(
  req: IncomingMessage,
  prisma: PrismaClient,
  cookies: Record<string, string>,
  options: CredentialOptions,
): Promise<Caller> {
  const refusal = crossOriginRefusal({
    method: req.method ?? "GET",
    origin: requestOrigin(req),
    appUrl: options.appUrl,
    requestHost: headerOf(req, "host"),
    requireOrigin: true,
  });
  if (refusal) throw new AppError("forbidden", refusal);
  const secret = options.sessionSecret ?? process.env.NEXTAUTH_SECRET;
  const token = secret ? await getToken({ req: { cookies, headers: {} } as never, secret }) : null;
  const userId = typeof token?.sub === "string" ? token.sub : undefined;
  const actor = userId ? await userActorFor(prisma, userId, cookies[ACTING_AGENCY_COOKIE]) : null;
  if (!actor) throw new AppError("authentication_required", "Your session has expired or is not valid; sign in again.");
  const { agencyId, scopes } = resolveAgency(actor);
  return { via: "session", agencyId, scopes, actor };
}
