// Browser-side protections on every response the server sends (pages, static files, /api/v1,
// /api/trpc, media), set once in the custom server before it hands the request on.
// Framing: the public property pages may be framed (the MLS virtual-tour field embeds
// /property/<n>/unbranded), everything else — the dashboard above all — may not.
// The CSP holds only directives that cannot break Next's own scripts and styles (framing,
// <base>, plugins); a script-src policy needs the nonce plumbing and a full dashboard e2e run.

const PROPERTY_PAGE = /^\/property(\/|$)/;

export function securityHeaders(path: string, appUrl: string): Record<string, string> {
  const framable = PROPERTY_PAGE.test(path);
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": `frame-ancestors ${framable ? "*" : "'none'"}; base-uri 'self'; object-src 'none'`,
    // Older browsers that ignore frame-ancestors; there is no X-Frame-Options value for "anyone".
    ...(framable ? {} : { "X-Frame-Options": "DENY" }),
    // Only over https: HSTS on a plain-http deployment would lock browsers out of it.
    ...(appUrl.startsWith("https:") ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
