// Credentials never travel in a query string: URLs end up in logs, proxies' logs, browser
// history and Referer headers. A request that puts one there is refused (401 invalid_api_key),
// whatever the parameter is called, and URLs are logged with such parameters redacted.
import { API_KEY_PREFIX } from "../auth/api-key-token";
import { UPLOAD_TICKET_PREFIX } from "../media/upload-tickets";

// Parameter names that carry a credential, compared without case or separators
// (api_key, X-API-Key, apiKey, access_token, upload-ticket, …). No /api/v1 query parameter
// has such a name (they are cursor, limit and filters).
const CREDENTIAL_NAME = /key|token|secret|ticket|passw|pwd|auth|session|credential|bearer|jwt|cookie/;
// A Valara credential's value, whatever it is called: an API key or an upload ticket.
const CREDENTIAL_VALUE = new RegExp(`${API_KEY_PREFIX}|${UPLOAD_TICKET_PREFIX}`, "i");

export function isCredentialParamName(name: string): boolean {
  return CREDENTIAL_NAME.test(name.toLowerCase().replace(/[^a-z0-9]/g, ""));
}

export function looksLikeCredential(value: string): boolean {
  return CREDENTIAL_VALUE.test(value);
}

/** Whether a query string carries a credential, by the parameter's name or by its value. */
export function queryCarriesCredential(params: URLSearchParams): boolean {
  for (const [name, value] of params) if (isCredentialParamName(name) || looksLikeCredential(name) || looksLikeCredential(value)) return true;
  return false;
}

/** A request target fit for a log: credential-like parameters' values replaced by [REDACTED]. */
export function redactUrl(target: string | undefined): string | undefined {
  if (!target) return target;
  const q = target.indexOf("?");
  if (q < 0) return target;
  // Split by hand rather than URLSearchParams: a malformed escape must not make logging throw.
  const redacted = target
    .slice(q + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      const name = safeDecode(rawName);
      const value = eq < 0 ? "" : safeDecode(pair.slice(eq + 1));
      if (looksLikeCredential(name)) return "[REDACTED]";
      return isCredentialParamName(name) || looksLikeCredential(value) ? `${rawName}=[REDACTED]` : pair;
    })
    .join("&");
  return `${target.slice(0, q)}?${redacted}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
