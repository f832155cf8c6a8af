// API key tokens: `ma_live_ak_<ULID>`. The ULID's 10 timestamp characters come from the clock and
// its 16 random characters from 80 bits of crypto.randomBytes, packed 5 bits per Crockford base32
// character (ulidx maps one random byte per character with a small bias; a secret deserves
// exactly uniform bits).
//
// Storage: only SHA-256(token) and a display prefix. A key carries 80 bits of CSPRNG entropy, far
// beyond brute force, so a fast hash is as safe as bcrypt here and lets every request verify its
// key with one hash and one indexed lookup instead of tens of milliseconds of CPU.
import { createHash, randomBytes } from "node:crypto";
import { encodeTime } from "ulidx";

export const API_KEY_PREFIX = "ma_live_ak_";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TOKEN_PATTERN = /^ma_live_ak_[0-9A-HJKMNP-TV-Z]{26}$/;

function encodeRandom80(bytes: Buffer): string {
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let out = "";
  for (let i = 15; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

export function generateApiKeyToken(now: number = Date.now()): string {
  return `${API_KEY_PREFIX}${encodeTime(now, 10)}${encodeRandom80(randomBytes(10))}`;
}

/** Canonical form of a presented token (Crockford base32 is case-insensitive), or null if malformed. */
export function normalizeApiKeyToken(presented: string): string | null {
  const trimmed = presented.trim();
  if (!trimmed.startsWith(API_KEY_PREFIX)) return null;
  const candidate = API_KEY_PREFIX + trimmed.slice(API_KEY_PREFIX.length).toUpperCase();
  return TOKEN_PATTERN.test(candidate) ? candidate : null;
}

export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * What the dashboard shows of a key: the prefix and the first 8 characters of the ULID, which
 * encode only its creation time, so the display part gives away none of the key's randomness.
 */
export function apiKeyDisplayPrefix(token: string): string {
  return `${token.slice(0, API_KEY_PREFIX.length + 8)}…`;
}
