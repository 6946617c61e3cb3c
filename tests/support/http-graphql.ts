import { createHash } from "node:crypto";

/** A GraphQL request as it goes over the wire, with the extensions APQ uses. */
export interface WireRequest {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

/** An HTTP answer: status, headers and the parsed JSON body. */
export interface WireResponse {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: { diagnostics?: { sqlStatements: number } } };
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The persisted query extension for a query text. */
export const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

/** Sends a GraphQL request by POST (JSON) or GET (URL parameters, as mobile CDNs cache), optionally with a bearer token. */
export async function send(url: string, request: WireRequest, options: { method?: "GET" | "POST"; token?: string } = {}): Promise<WireResponse> {
  // Apollo clients send it (it was required while CSRF prevention was on); harmless now.
  const headers: Record<string, string> = { "apollo-require-preflight": "true" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  if (options.method === "GET") {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(request)) if (value !== undefined) params.set(key, typeof value === "string" ? value : JSON.stringify(value));
    response = await fetch(`${url}?${params}`, { headers });
  } else {
    response = await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(request) });
  }
  return { status: response.status, headers: response.headers, body: (await response.json()) as WireResponse["body"] };
}
