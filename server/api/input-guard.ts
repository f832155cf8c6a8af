// Input no procedure should ever see, refused with a 400 before any procedure runs, on both
// transports:
// - nesting deeper than any endpoint needs: every recursive walk of the input (this one, the
//   idempotency fingerprint, validation) would overflow the stack on a body nested thousands of
//   levels deep, and answer 500;
// - text PostgreSQL cannot store: U+0000, and an unpaired UTF-16 surrogate (a valid JSON escape
//   such as "\ud83d"), which would fail only at the database, as a 500.

/** The deepest nesting of objects and arrays an input may have; no endpoint needs more than 2. */
export const MAX_INPUT_DEPTH = 32;

/** Whether objects and arrays nest deeper than `max` levels (recursion bounded by `max`). */
export function nestedDeeperThan(value: unknown, max = MAX_INPUT_DEPTH, depth = 1): boolean {
  if (!value || typeof value !== "object") return false;
  if (depth > max) return true;
  return Object.values(value).some((child) => nestedDeeperThan(child, max, depth + 1));
}

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

/** What is wrong with an input, as the field and message of a validation_failed, or undefined. */
export function inputProblem(value: unknown): { field: string; message: string } | undefined {
  if (nestedDeeperThan(value)) return { field: "body", message: `must not nest objects or arrays more than ${MAX_INPUT_DEPTH} levels deep` };
  const field = unstorableTextAt(value);
  if (field !== undefined) return { field, message: "must be text without NUL characters or unpaired UTF-16 surrogates" };
  return undefined;
}
