import pino from "pino";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { warnAboutLoopbackWebhooks } from "./start-worker";

const capture = () => {
  const lines: { level: number; msg: string; setting?: string }[] = [];
  return { lines, logger: pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) }) };
};

describe("starting webhook delivery", () => {
  it("warns at start when WEBHOOKS_ALLOW_LOOPBACK is on, in any NODE_ENV, and says nothing otherwise", () => {
    for (const NODE_ENV of ["production", "development"]) {
      const { lines, logger } = capture();
      warnAboutLoopbackWebhooks(parseEnv({ NODE_ENV, WEBHOOKS_ALLOW_LOOPBACK: "1" }), logger);
      expect(lines).toEqual([
        expect.objectContaining({ level: 40, setting: "WEBHOOKS_ALLOW_LOOPBACK", msg: expect.stringMatching(/development and testing only; never set it in production/) }),
      ]);
    }
    const { lines, logger } = capture();
    warnAboutLoopbackWebhooks(parseEnv({ NODE_ENV: "production" }), logger);
    expect(lines).toEqual([]);
  });
});
