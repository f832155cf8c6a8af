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

/** Why an IP address may not be contacted, or null if it may. */
export function blockedReason(address: string, options: GuardOptions): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === "unicast") return null;
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
