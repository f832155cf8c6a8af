// Browser-side protections on every response the server sends (pages, static files, /api/v1,
// /api/trpc, media), set once in the custom server before it hands the request on.
// Framing: the public property pages may be framed (the MLS virtual-tour field embeds
// /property/<n>/unbranded), everything else — the dashboard above all — may not.
// The pages Next renders get a stricter policy from proxy.ts: scripts only with that response's
// nonce (Next puts it on its own scripts), which replaces this one's Content-Security-Policy.

const PROPERTY_PAGE = /^\/property(\/|$)/;

/**
 * The Content-Security-Policy of a response. Without a nonce (files, JSON, the API reference's
 * pages) it only rules framing, <base> and plugins; with one (a page rendered by Next) it also
 * allows scripts only from that nonce (and what they load: 'strict-dynamic'), styles from this
 * origin and inline (React's style attributes), images and media from this origin, and frames
 * of Matterport tours. `dev` adds what Next's development server needs (eval, its websocket).
 */
export function contentSecurityPolicy(path: string, page?: { nonce: string; dev?: boolean }): string {
  const framing = [`frame-ancestors ${PROPERTY_PAGE.test(path) ? "*" : "'none'"}`, "base-uri 'self'", "object-src 'none'"];
  if (!page) return framing.join("; ");
  return [
    ...framing,
    "default-src 'self'",
    `script-src 'self' 'nonce-${page.nonce}' 'strict-dynamic'${page.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self'${page.dev ? " ws: wss:" : ""}`,
    "frame-src https://my.matterport.com",
    "form-action 'self'",
  ].join("; ");
}

export function securityHeaders(path: string, appUrl: string): Record<string, string> {
  const framable = PROPERTY_PAGE.test(path);
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": contentSecurityPolicy(path),
    // Older browsers that ignore frame-ancestors; there is no X-Frame-Options value for "anyone".
    ...(framable ? {} : { "X-Frame-Options": "DENY" }),
    // Only over https: HSTS on a plain-http deployment would lock browsers out of it.
    ...(appUrl.startsWith("https:") ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
