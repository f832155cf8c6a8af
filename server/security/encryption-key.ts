// ENCRYPTION_KEY's format, defined once: the configuration check (env.ts, so that a malformed key
// stops the process at start, naming the variable) and the key itself (encryption.ts) decode it
// the same way.

export const ENCRYPTION_KEY_FORMAT = "must be 32 bytes: 64 hex characters, or base64 (e.g. `openssl rand -hex 32`)";

/** The key's 32 bytes, written as 64 hex characters or as base64; null if it is neither. */
export function decodeEncryptionKey(raw: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  return key.length === 32 ? key : null;
}
