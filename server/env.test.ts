import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const problems = (source: Record<string, string>) => {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
};

describe("configuration", () => {
  it("has working defaults: embedded database, port 3000, APP_URL from the port", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: ".data", APP_URL: "http://localhost:3000", NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(parseEnv({ PORT: "8080", APP_URL: "https://valara.example/" }).APP_URL).toBe("https://valara.example");
  });

  it("names every malformed variable", () => {
    expect(problems({ PORT: "eighty", DATABASE_URL: "mysql://x", APP_URL: "not a url", LOG_REQUESTS: "maybe" })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^APP_URL: /),
      expect.stringMatching(/^DATABASE_URL: must be a postgres/),
      expect.stringMatching(/^LOG_REQUESTS: /),
    ]);
  });

  it("requires AUTH_SECRET and ENCRYPTION_KEY in production on PostgreSQL, and long ones", () => {
    expect(problems({ NODE_ENV: "production", DATABASE_URL: "postgres://db/valara" })).toEqual([
      expect.stringMatching(/^ENCRYPTION_KEY: is required/),
      expect.stringMatching(/^AUTH_SECRET: is required/),
    ]);
    expect(problems({ AUTH_SECRET: "short" })).toEqual([expect.stringMatching(/^AUTH_SECRET: must be at least 32/)]);
    expect(problems({ NODE_ENV: "production", DATABASE_URL: "postgres://db/valara", AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEY: "a".repeat(64) })).toEqual([]);
  });

  it("checks ENCRYPTION_KEY's format: 32 bytes as 64 hex characters or base64", () => {
    const hex = "0123456789abcdef".repeat(4);
    expect(problems({ ENCRYPTION_KEY: hex })).toEqual([]);
    expect(problems({ ENCRYPTION_KEY: hex.toUpperCase() })).toEqual([]);
    expect(problems({ ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") })).toEqual([]);
    for (const malformed of ["x".repeat(40), hex.slice(2), Buffer.alloc(31, 7).toString("base64"), Buffer.alloc(33, 7).toString("base64"), "short"]) {
      expect(problems({ ENCRYPTION_KEY: malformed })).toEqual([expect.stringMatching(/^ENCRYPTION_KEY: must be 32 bytes: 64 hex characters, or base64/)]);
    }
  });

  it("checks that paired settings come in pairs", () => {
    expect(problems({ STORAGE_DRIVER: "s3" })).toEqual([expect.stringMatching(/^S3_BUCKET: is required/)]);
    expect(problems({ SQUARE_ACCESS_TOKEN: "t" })).toEqual([expect.stringMatching(/^SQUARE_LOCATION_ID: /)]);
    expect(problems({ S3_ACCESS_KEY_ID: "k" })).toEqual([expect.stringMatching(/^S3_SECRET_ACCESS_KEY: /)]);
  });

  it("has the documented server limits, and keeps the header timeout within the request timeout", () => {
    expect(parseEnv({})).toMatchObject({
      HEADERS_TIMEOUT_SECONDS: 20,
      REQUEST_TIMEOUT_SECONDS: 3600,
      BODY_MIN_BYTES_PER_SECOND: 1024,
      BODY_RATE_WINDOW_SECONDS: 20,
      KEEP_ALIVE_TIMEOUT_SECONDS: 65,
      MAX_CONNECTIONS: 1000,
      MAX_IN_FLIGHT: 64,
      MAX_EVENT_LOOP_DELAY_MS: 1000,
      SHUTDOWN_DRAIN_SECONDS: 20,
    });
    expect(parseEnv({ MAX_IN_FLIGHT: "8", BODY_MIN_BYTES_PER_SECOND: "0" })).toMatchObject({ MAX_IN_FLIGHT: 8, BODY_MIN_BYTES_PER_SECOND: 0 });
    expect(problems({ HEADERS_TIMEOUT_SECONDS: "120", REQUEST_TIMEOUT_SECONDS: "60" })).toEqual([expect.stringMatching(/^HEADERS_TIMEOUT_SECONDS: must not exceed/)]);
    expect(problems({ MAX_IN_FLIGHT: "0" })).toEqual([expect.stringMatching(/^MAX_IN_FLIGHT: /)]);
  });

  it("treats an empty variable as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });
});
