import { describe, expect, it } from "vitest";
import { createSignInThrottle } from "./sign-in-throttle";
import { describeWait } from "./sign-in-throttle-message";

describe("sign-in throttle", () => {
  const settings = { maxPerAccount: 3, maxPerAddress: 5, lockoutSeconds: 60 };

  it("locks an account after its limit of failures, whatever the address, and says how long", async () => {
    const throttle = createSignInThrottle(settings, { kind: "memory" });
    expect(await throttle.fail("ann@x.test", "198.51.100.1")).toBe(0);
    expect(await throttle.fail("ann@x.test", "198.51.100.2")).toBe(0);
    expect(await throttle.lockedFor("ann@x.test", "198.51.100.3")).toBe(0);
    const wait = await throttle.fail("ann@x.test", "198.51.100.3");
    expect(wait).toBeGreaterThan(50);
    expect(await throttle.lockedFor("ann@x.test", "198.51.100.9")).toBeGreaterThan(50);
    // Another account is not affected.
    expect(await throttle.lockedFor("bob@x.test", "198.51.100.9")).toBe(0);
  });

  it("locks an address that tries many accounts", async () => {
    const throttle = createSignInThrottle(settings, { kind: "memory" });
    for (let i = 0; i < 4; i++) expect(await throttle.fail(`user${i}@x.test`, "203.0.113.5")).toBe(0);
    expect(await throttle.fail("user4@x.test", "203.0.113.5")).toBeGreaterThan(0);
    expect(await throttle.lockedFor("fresh@x.test", "203.0.113.5")).toBeGreaterThan(0);
    expect(await throttle.lockedFor("fresh@x.test", "203.0.113.6")).toBe(0);
  });

  it("a success clears the account's failures", async () => {
    const throttle = createSignInThrottle(settings, { kind: "memory" });
    await throttle.fail("ann@x.test", "a");
    await throttle.fail("ann@x.test", "a");
    await throttle.succeed("ann@x.test");
    expect(await throttle.fail("ann@x.test", "a")).toBe(0);
    expect(await throttle.fail("ann@x.test", "a")).toBe(0);
  });

  it("describes the wait", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(45)).toBe("45 seconds");
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(900)).toBe("15 minutes");
  });
});
