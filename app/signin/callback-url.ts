// Where to send a user after sign-in: only a path on this site, never another origin (an open
// redirect would turn our sign-in page into a phishing aid), and never back to /signin or an API.
export const DEFAULT_AFTER_SIGN_IN = "/listings";

const PROBE_ORIGIN = "http://valara.invalid";

export function safeCallbackPath(raw: string | string[] | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  // "/.//evil.example" normalizes to the protocol-relative "//evil.example".
  if (url.pathname.startsWith("//")) return fallback;
  if (url.pathname === "/signin" || url.pathname.startsWith("/api/")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
