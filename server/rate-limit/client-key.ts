import { createHash } from "node:crypto";
import ipaddr from "ipaddr.js";
import { Viewer } from "../access/viewer";

/** Whose budget a request draws on. */
export interface ClientKey {
  kind: "identity" | "ip";
  key: string;
}

/**
 * An authenticated request counts against its token's subject, wherever it comes from (officers
 * of one town hall share one NAT address); an anonymous one against its client IP, which is the
 * socket's address unless MAILLAGE_TRUST_PROXY says which proxies' X-Forwarded-For to believe.
 */
export function clientKey(viewer: Viewer, ip: string | undefined): ClientKey {
  // Subjects may be e-mail addresses: Redis keys carry a digest of them, not the address.
  if (viewer.role !== "ANONYMOUS") return { kind: "identity", key: remembered(subjectKeys, viewer.subject, subjectKey) };
  return { kind: "ip", key: ip ? remembered(addressKeys, ip, addressKey) : "ip:unknown" };
}

/** Keys of the clients seen lately: every request asks, and the same few clients ask most (bounded: a flood of new ones only empties it). */
const subjectKeys = new Map<string, string>();
const addressKeys = new Map<string, string>();
const REMEMBERED = 10_000;

function remembered(keys: Map<string, string>, value: string, make: (value: string) => string): string {
  let key = keys.get(value);
  if (key === undefined) {
    if (keys.size >= REMEMBERED) keys.clear();
    keys.set(value, (key = make(value)));
  }
  return key;
}

const subjectKey = (subject: string) => `sub:${createHash("sha256").update(subject).digest("base64url").slice(0, 22)}`;
const addressKey = (ip: string) => `ip:${addressBlock(ip)}`;

/**
 * The block an address stands for: an IPv4 address itself, an IPv6 address its /64 (one network
 * gets a /64 and can rotate through its 2^64 addresses: per address, each would be a fresh budget).
 */
function addressBlock(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.parse(ip);
  if (address.kind() === "ipv4") return address.toString();
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${v6.parts.slice(0, 4).map((part) => part.toString(16)).join(":")}::/64`;
}
