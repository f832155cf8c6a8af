import { describe, expect, it } from "vitest";
import { clientAddress, inRange, parseRange, parseTrustedProxies, rangeText } from "./client-address";

describe("client address", () => {
  it("is the TCP peer by default, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", [])).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.1", [])).toBe("127.0.0.1");
  });

  it("behind trusted proxies, is the first untrusted hop from the right", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, loopback");
    expect(clientAddress("10.1.2.3", "198.51.100.7", trusted)).toBe("198.51.100.7");
    // A client that forges a hop on the left does not get to choose.
    expect(clientAddress("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.5", trusted)).toBe("198.51.100.7");
    expect(clientAddress("10.1.2.3", "garbage, 198.51.100.7", trusted)).toBe("198.51.100.7");
    // A peer that is not a trusted proxy is the client, even with the header.
    expect(clientAddress("203.0.113.9", "198.51.100.7", trusted)).toBe("203.0.113.9");
    // No header: the proxy itself.
    expect(clientAddress("10.1.2.3", undefined, trusted)).toBe("10.1.2.3");
  });

  it("parses addresses and ranges canonically, and refuses bad TRUSTED_PROXIES", () => {
    expect(rangeText(parseRange("192.0.2.77/24")!)).toBe("192.0.2.0/24");
    expect(rangeText(parseRange("2001:DB8::1")!)).toBe("2001:db8::1");
    expect(parseRange("nope")).toBeNull();
    expect(inRange("192.0.2.5", parseRange("192.0.2.0/24")!)).toBe(true);
    expect(inRange("::ffff:192.0.2.5", parseRange("192.0.2.0/24")!)).toBe(true);
    expect(inRange("2001:db8::5", parseRange("192.0.2.0/24")!)).toBe(false);
    expect(() => parseTrustedProxies("10.0.0.0/8,bogus")).toThrow(/bogus/);
  });
});
