import { describe, expect, it } from "vitest";
import { BlockedAddressError, blockedReason, checkResolvedHost, checkWebhookUrl } from "./address-guard";

const strict = { allowLoopback: false };
const dev = { allowLoopback: true };

describe("SSRF guard", () => {
  it.each([
    "10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "127.8.9.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "2001:db8::1",
    // IPv4 wrapped in IPv6: compatible, mapped (also in hex), NAT64, 6to4, and other special ranges
    // (URL parsing writes [::127.0.0.1] as [::7f00:1], which ipaddr.js calls plain unicast)
    "::7f00:1", "::a00:1", "::a9fe:a9fe", "::c0a8:1", "::127.0.0.1", "::10.0.0.1", "::169.254.169.254", "::192.168.0.1", "::ffff:7f00:1", "::ffff:127.0.0.1",
    "64:ff9b::127.0.0.1", "64:ff9b::a00:1", "64:ff9b::169.254.169.254", "64:ff9b:1::808:808",
    "2002:7f00:1::", "2002:a00:1::1", "2002:c0a8:101::", "2002:a9fe:a9fe::1",
    "2001::1", "2001:20::1", "ff02::1", "100::1", "::100.64.0.1", "::ffff:0.0.0.0", "::224.0.0.1",
  ])("blocks %s", (address) => expect(blockedReason(address, strict)).not.toBeNull());

  it.each(["8.8.8.8", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "2002:808:808::1"])("allows public %s", (address) =>
    expect(blockedReason(address, strict)).toBeNull(),
  );

  it("admits loopback only with the development setting, and nothing else private", () => {
    expect(blockedReason("127.0.0.1", dev)).toBeNull();
    expect(blockedReason("::1", dev)).toBeNull();
    expect(blockedReason("10.0.0.1", dev)).not.toBeNull();
    expect(blockedReason("169.254.169.254", dev)).not.toBeNull();
  });

  it("wants https, no credentials and no fragment; http only to loopback in development", () => {
    expect(checkWebhookUrl("https://hooks.example.com/valara", strict).host).toBe("hooks.example.com");
    for (const url of ["http://hooks.example.com/x", "ftp://x.example", "https://user:pw@hooks.example.com/", "https://hooks.example.com/#a", "not a url", "http://127.0.0.1:9/"]) {
      expect(() => checkWebhookUrl(url, strict), url).toThrow(BlockedAddressError);
    }
    expect(checkWebhookUrl("http://127.0.0.1:4000/hook", dev).port).toBe("4000");
    expect(checkWebhookUrl("http://localhost:4000/hook", dev).hostname).toBe("localhost");
    expect(() => checkWebhookUrl("http://10.0.0.1/hook", dev)).toThrow(BlockedAddressError);
  });

  it("checks what a host resolves to", async () => {
    await expect(checkResolvedHost("127.0.0.1", strict)).rejects.toThrow(/loopback/);
    await expect(checkResolvedHost("localhost", strict)).rejects.toThrow(BlockedAddressError);
    await expect(checkResolvedHost("[::1]", strict)).rejects.toThrow(/loopback/);
    await expect(checkResolvedHost("[::127.0.0.1]", strict)).rejects.toThrow(/loopback/);
    // What registration actually checks: the URL's hostname, normalized to [::7f00:1].
    for (const url of ["https://[::127.0.0.1]/", "https://[::10.0.0.1]/", "https://[64:ff9b::169.254.169.254]/", "https://[2002:7f00:1::]/"]) {
      await expect(checkResolvedHost(checkWebhookUrl(url, strict).hostname, strict), url).rejects.toThrow(BlockedAddressError);
    }
    await expect(checkResolvedHost("169.254.169.254", strict)).rejects.toThrow(/linkLocal/);
    await expect(checkResolvedHost("localhost", dev)).resolves.toBeUndefined();
    await expect(checkResolvedHost("8.8.8.8", strict)).resolves.toBeUndefined();
  });
});
