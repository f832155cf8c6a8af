// Which address a request comes from. By default the TCP peer, whatever X-Forwarded-For says (a
// client can write anything there). Behind a proxy, TRUSTED_PROXIES lists the proxies' addresses
// or CIDR ranges: when the peer is one of them, X-Forwarded-For is read from the right, skipping
// trusted hops, and the first untrusted hop is the client (the one the nearest trusted proxy saw).
import ipaddr from "ipaddr.js";

export type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** An address in canonical text (IPv4-mapped IPv6 as plain IPv4), or null if it is not one. */
export function canonicalAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const text = raw.trim().replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(text)) return null;
  return ipaddr.process(text).toString();
}

/** "10.0.0.0/8", "2001:db8::/32" or a single address (a /32 or /128), canonical; null if malformed. */
export function parseRange(raw: string): Range | null {
  const text = raw.trim();
  try {
    if (text.includes("/")) {
      const [address, bits] = ipaddr.parseCIDR(text);
      const processed = address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
      const prefix = processed.kind() === address.kind() ? bits : bits - 96;
      return [processed, prefix];
    }
    const address = ipaddr.process(text);
    return [address, address.kind() === "ipv4" ? 32 : 128];
  } catch {
    return null;
  }
}

/** The range's canonical text: the network address and prefix ("192.0.2.0/24"), or the bare address. */
export function rangeText([address, bits]: Range): string {
  const full = address.kind() === "ipv4" ? 32 : 128;
  if (bits === full) return address.toString();
  const network = address.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${bits}`);
  return `${network.toString()}/${bits}`;
}

export function inRange(address: string, range: Range): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.kind() === range[0].kind() && parsed.match(range as [ipaddr.IPv4, number]);
}

/** TRUSTED_PROXIES: comma-separated addresses/CIDRs; "loopback" is 127.0.0.0/8 and ::1. */
export function parseTrustedProxies(raw: string | undefined): Range[] {
  const ranges: Range[] = [];
  for (const part of (raw ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    if (part === "loopback") {
      ranges.push(parseRange("127.0.0.0/8")!, parseRange("::1")!);
      continue;
    }
    const range = parseRange(part);
    if (!range) throw new Error(`TRUSTED_PROXIES: ${part} is not an IP address or CIDR range`);
    ranges.push(range);
  }
  return ranges;
}

export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: readonly Range[],
): string | null {
  const remote = canonicalAddress(peer);
  if (!remote || trusted.length === 0) return remote;
  const isTrusted = (address: string) => trusted.some((range) => inRange(address, range));
  if (!isTrusted(remote)) return remote;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  let client = remote;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = canonicalAddress(hops[i]);
    if (!hop) return client; // garbage left of a trusted hop: the last address a trusted proxy vouched for
    client = hop;
    if (!isTrusted(hop)) return hop;
  }
  return client;
}
