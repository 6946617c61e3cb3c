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
  if (viewer.role !== "ANONYMOUS") return { kind: "identity", key: `sub:${viewer.subject}` };
  return { kind: "ip", key: `ip:${ip ?? "unknown"}` };
}
