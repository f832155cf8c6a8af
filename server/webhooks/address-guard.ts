// The SSRF guard: webhooks must not reach into our own network. An endpoint's host must resolve
// only to public unicast addresses (not private, loopback, link-local, metadata, carrier-grade
// NAT, multicast or reserved ranges, including IPv4 addresses wrapped in IPv6). It is checked when
// an endpoint is registered and again at every delivery, on the address actually connected to
// (the lookup hook below), so DNS rebinding between the two cannot slip through.
// WEBHOOKS_ALLOW_LOOPBACK (development only) admits loopback addresses and plain http to them.
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export class BlockedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BlockedAddressError";
  }
}

export interface GuardOptions {
  allowLoopback: boolean;
}

/**
 * The IPv4 address an IPv6 address carries, for the forms that route to it: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, deprecated but still routed by some stacks),
 * NAT64 (64:ff9b::/96, RFC 6052) and 6to4 (2002:AABB:CCDD::/16). ipaddr.js names the mapped,
 * NAT64 and 6to4 ranges but calls ::7f00:1 (how URL parsing writes [::127.0.0.1]) plain unicast,
 * which let https://[::127.0.0.1]/ through; reading the parts covers every spelling.
 */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = ip.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (p.slice(0, 5).every((x) => x === 0) && (p[5] === 0 || p[5] === 0xffff)) return v4(p[6]!, p[7]!);
  if (p[0] === 0x64 && p[1] === 0xff9b && p.slice(2, 6).every((x) => x === 0)) return v4(p[6]!, p[7]!);
  if (p[0] === 0x2002) return v4(p[1]!, p[2]!);
  return null;
}

/** Why an IP address may not be contacted, or null if it may. */
export function blockedReason(address: string, options: GuardOptions): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    // :: and ::1 sit inside ::/96 too: they keep their own (non-public) class.
    const own = v6.range();
    if (own === "unspecified" || own === "loopback") return loopbackOrBlocked(address, own, options);
    const inner = embeddedIPv4(v6);
    if (inner) ip = inner;
    // Any other special IPv6 range (Teredo, local-use NAT64 64:ff9b:1::/48, ORCHIDv2, documentation, …)
    // is not a public destination.
    else if (own !== "unicast" || v6.match(ipaddr.IPv6.parse("64:ff9b:1::"), 48)) return `${address} is a ${own === "unicast" ? "nat64" : own} address`;
  }
  const range = ip.range();
  if (range === "unicast") return null;
  return loopbackOrBlocked(address, range, options);
}

function loopbackOrBlocked(address: string, range: string, options: GuardOptions): string | null {
  if (range === "loopback" && options.allowLoopback) return null;
  return `${address} is a ${range} address`;
}

const isLoopbackHost = (hostname: string) =>
  hostname === "localhost" || hostname.endsWith(".localhost") || (ipaddr.isValid(hostname.replace(/^\[|\]$/g, "")) && ipaddr.parse(hostname.replace(/^\[|\]$/g, "")).range() === "loopback");

/** Checks the URL's form: https (http only to loopback when allowed), no credentials, a host. */
export function checkWebhookUrl(raw: string, options: GuardOptions): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedAddressError("must be an absolute URL");
  }
  if (url.username || url.password) throw new BlockedAddressError("must not contain credentials");
  if (url.protocol === "http:") {
    if (!(options.allowLoopback && isLoopbackHost(url.hostname))) throw new BlockedAddressError("must use https");
  } else if (url.protocol !== "https:") {
    throw new BlockedAddressError("must use https");
  }
  if (url.hash) throw new BlockedAddressError("must not contain a #fragment");
  return url;
}

/** Resolves the host and checks every address it resolves to (registration-time check). */
export async function checkResolvedHost(hostname: string, options: GuardOptions): Promise<void> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const addresses = ipaddr.isValid(bare) ? [bare] : (await dns.promises.lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
  if (addresses.length === 0) throw new BlockedAddressError(`${hostname} does not resolve`);
  for (const address of addresses) {
    const reason = blockedReason(address, options);
    if (reason) throw new BlockedAddressError(`${hostname} resolves to a blocked address (${reason})`);
  }
}

/** A `lookup` for http(s).request that refuses blocked addresses at connect time. */
export function guardedLookup(options: GuardOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const blocked = list.map((a) => blockedReason(a.address, options)).find(Boolean);
      if (blocked || list.length === 0) {
        return callback(new BlockedAddressError(`${hostname} resolves to a blocked address (${blocked ?? "none"})`), "", 0);
      }
      if ((lookupOptions as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
