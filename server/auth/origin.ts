// The second lock on cookie-authenticated writes (the first: session cookies are SameSite=Lax).
// The browser sends the dashboard's cookie on its own, so what tells our pages from another
// site's is where the request says it comes from: a write's Origin (failing that, its Referer)
// must be APP_URL's origin or the origin the request was sent to (the same app reached under
// another host name, e.g. behind a proxy). One rule for both places that take the cookie: the
// dashboard's tRPC endpoint and the /api/v1 routes that accept a session.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface WriteOrigin {
  method: string;
  /** The Origin header, or the origin of the Referer when there is no Origin. */
  origin: string | undefined;
  appUrl: string;
  /** The Host the request was sent to. */
  requestHost: string | undefined;
  /**
   * Whether a write that names no origin at all is refused. Browsers name one on every write, so
   * only a non-browser client omits it; the multipart upload requires it anyway, because a form
   * on any site can send multipart (a JSON body cannot be sent cross-site without CORS).
   */
  requireOrigin: boolean;
}

/** Why this write is refused as cross-origin, or undefined when it may proceed. */
export function crossOriginRefusal({ method, origin, appUrl, requestHost, requireOrigin }: WriteOrigin): string | undefined {
  if (SAFE_METHODS.has(method.toUpperCase())) return undefined;
  const own = new URL(appUrl).origin;
  if (!origin) return requireOrigin ? "Cross-origin request refused: a signed-in write must send Origin or Referer." : undefined;
  if (origin === own) return undefined;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host && requestHost && host === requestHost.toLowerCase()) return undefined;
  return `Cross-origin request refused: ${origin} is not ${own}.`;
}

/**
 * The origin a request claims: its Origin header, or failing that its Referer's origin. An
 * Origin of "null" (sandboxed frames, some redirects) names no origin; a Referer that does not
 * parse is "null", which no rule accepts.
 */
export function claimedOrigin(origin: string | null | undefined, referer: string | null | undefined): string | undefined {
  const named = origin?.trim();
  if (named && named !== "null") return named;
  const from = referer?.trim();
  if (!from) return named || undefined;
  try {
    return new URL(from).origin;
  } catch {
    return "null";
  }
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

/**
 * The dashboard's tRPC endpoint's check: a write's Origin, failing that its Referer, must be
 * ours; a write that carries the session cookie and names neither is refused too (browsers
 * always send one of them, so only a forged or stripped request lacks both).
 */
export function dashboardWriteRefusal(req: Request, appUrl: string): string | undefined {
  let requestHost: string | undefined;
  try {
    requestHost = new URL(req.url).host;
  } catch {
    requestHost = undefined;
  }
  return crossOriginRefusal({
    method: req.method,
    origin: claimedOrigin(req.headers.get("origin"), req.headers.get("referer")),
    appUrl,
    requestHost,
    requireOrigin: SESSION_COOKIE.test(req.headers.get("cookie") ?? ""),
  });
}
