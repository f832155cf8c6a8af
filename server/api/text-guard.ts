// PostgreSQL text cannot hold U+0000, and an unpaired UTF-16 surrogate (a valid JSON escape such
// as "\ud83d") is not text at all: either one would fail only at the database, as a 500. Inputs
// are checked for them before any procedure runs, on both transports.

// Without the u flag a regex sees UTF-16 code units, so lone surrogates can be matched.
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path (a.b.0) of the first string or key in the input that cannot be stored as text. */
export function unstorableTextAt(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return UNSTORABLE_TEXT.test(value) ? path || "body" : undefined;
  if (!value || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (UNSTORABLE_TEXT.test(key)) return path || "body";
    const found = unstorableTextAt(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}
