import { createHash } from "node:crypto";
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
  if (viewer.role !== "ANONYMOUS") return { kind: "identity", key: `sub:${createHash("sha256").update(viewer.subject).digest("base64url").slice(0, 22)}` };
  return { kind: "ip", key: `ip:${ip ?? "unknown"}` };
}
