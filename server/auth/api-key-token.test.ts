import { describe, expect, it } from "vitest";
import { decodeTime } from "ulidx";
import {
  apiKeyDisplayPrefix,
  generateApiKeyToken,
  hashApiKeyToken,
  normalizeApiKeyToken,
} from "./api-key-token";

describe("API key tokens", () => {
  it("have the documented format: ma_live_ak_ and a 26-character Crockford ULID", () => {
    const token = generateApiKeyToken();
    expect(token).toMatch(/^ma_live_ak_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it("carry their creation time in the ULID timestamp", () => {
    const at = Date.UTC(2026, 10, 26, 12, 0, 0);
    const token = generateApiKeyToken(at);
    expect(decodeTime(token.slice("ma_live_ak_".length))).toBe(at);
  });

  it("draw the random half uniformly: every character occurs, none far off its share", () => {
    const counts = new Map<string, number>();
    const n = 4000;
    for (let i = 0; i < n; i++) {
      for (const ch of generateApiKeyToken().slice(-16)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    const expected = (n * 16) / 32;
    for (const count of counts.values()) {
      expect(Math.abs(count - expected) / expected).toBeLessThan(0.1);
    }
  });

  it("never repeat", () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => generateApiKeyToken(0)));
    expect(seen.size).toBe(10_000);
  });

  it("normalize case and reject anything malformed", () => {
    const token = generateApiKeyToken();
    expect(normalizeApiKeyToken(token.toLowerCase())).toBe(token);
    expect(normalizeApiKeyToken(` ${token} `)).toBe(token);
    expect(normalizeApiKeyToken(token.slice(0, -1))).toBeNull();
    expect(normalizeApiKeyToken(`${token}A`)).toBeNull();
    expect(normalizeApiKeyToken(token.replace("ma_live_ak_", "sk_live_"))).toBeNull();
    expect(normalizeApiKeyToken(`${token.slice(0, -1)}U`)).toBeNull(); // U is not Crockford
  });

  it("hash to SHA-256 hex, deterministically, and differently per key", () => {
    const a = generateApiKeyToken();
    const b = generateApiKeyToken();
    expect(hashApiKeyToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKeyToken(a)).toBe(hashApiKeyToken(a));
    expect(hashApiKeyToken(a)).not.toBe(hashApiKeyToken(b));
  });

  it("display only the prefix and the timestamp characters", () => {
    const token = generateApiKeyToken();
    const shown = apiKeyDisplayPrefix(token);
    expect(shown).toBe(`${token.slice(0, 19)}…`);
    // The first 8 of the ULID's 10 timestamp characters: no random character is shown.
    expect(shown.length).toBe("ma_live_ak_".length + 8 + 1);
  });
});
