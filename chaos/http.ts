import { parseWalPosition } from "../server/database/wal-position";

/** One HTTP exchange with the server under test, as a client sees it: never throws. */
export interface Exchange {
  /** HTTP status, or 0 when no answer came (connection refused or cut, timeout). */
  status: number;
  body?: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  retryAfter: string | null;
  ms: number;
  /** Why no answer came, when status is 0. */
  failure?: string;
}

const CONSISTENCY = "maillage-consistency-token";
/** The highest read-your-writes token any write of the run answered (with read replicas): sent with every request, so reads see every acknowledged write. */
let consistency: { text: string; position: bigint } | undefined;

function remember(token: string | null): void {
  const position = token === null ? undefined : parseWalPosition(token);
  if (position !== undefined && (!consistency || position > consistency.position)) consistency = { text: token!, position };
}

/** POSTs a GraphQL request; a lost answer (status 0) is reported, not thrown. */
export async function postGraphql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string, timeoutMs = 20_000): Promise<Exchange> {
  // As GraphQL-over-HTTP clients do: a request refused before it runs (cost limit) is then a 4xx, not a 200 with errors.
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (consistency) headers[CONSISTENCY] = consistency.text;
  return exchange(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) }, timeoutMs);
}

/** GETs a path (health checks, metrics). */
export async function getPath(url: string, timeoutMs = 5_000): Promise<Exchange & { text?: string }> {
  return exchange(url, { method: "GET" }, timeoutMs, true);
}

async function exchange(url: string, init: RequestInit, timeoutMs: number, text = false): Promise<Exchange & { text?: string }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const raw = await response.text();
    remember(response.headers.get(CONSISTENCY));
    const ms = performance.now() - started;
    let body: Exchange["body"];
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    return { status: response.status, body, retryAfter: response.headers.get("retry-after"), ms, ...(text ? { text: raw } : {}) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: 0, retryAfter: null, ms: performance.now() - started, failure: cause ?? (error as Error).name ?? String(error) };
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
