import type { Response } from "express";
import { graphqlErrors } from "./observability/metrics";
import { recordOf } from "./observability/request-record";

/**
 * Answers a request refused before GraphQL runs (token, body, batching, registered operations,
 * rate limit, shutdown, export parameters) in GraphQL's error shape, never cached; its code goes
 * to the request's log line and to `maillage_graphql_errors_total`, as the codes of operations do.
 */
export function sendHttpError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  recordOf(res).errorCodes.push(code);
  graphqlErrors.inc({ code });
  res.status(status).set("cache-control", "no-store").json({ errors: [{ message, extensions: { code, ...extensions } }] });
}
