import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { createLogger } from "./logger";

it("never writes a credential header or secret field, at any level", () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
  const logger = createLogger("trace", sink);
  const secret = "ma_live_ak_01JAAAAAAAAAAAAAAAAAAAAAAA";
  const headers = { authorization: `Bearer ${secret}`, "x-api-key": secret, cookie: `next-auth.session-token=${secret}`, "set-cookie": secret, "x-upload-ticket": secret };
  logger.trace({ headers }, "a");
  logger.debug({ req: { headers } }, "b");
  logger.error({ err: { request: { headers } } }, "c");
  logger.info({ user: { passwordHash: secret }, endpoint: { secret }, square: { accessToken: secret }, token: secret, apiKey: secret }, "d");
  const out = lines.join("");
  expect(lines).toHaveLength(4);
  expect(out).not.toContain(secret);
  expect(out).toContain("[REDACTED]");
});
