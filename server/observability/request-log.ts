import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request, RequestHandler, Response } from "express";
import { pinoHttp } from "pino-http";
import { logger } from "./logger";
import { httpRequestDuration, operationDuration, operationStatements } from "./metrics";
import { operationLabel } from "./operation-label";
import { recordOf } from "./request-record";

/** A request id a client or load balancer may pass on: short and plain, or we make our own. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Probes answer every few seconds: logging each would bury the requests that matter. */
const UNLOGGED_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

/** Route families for metric labels: never the raw URL, whose values are unbounded. */
function routeOf(path: string): string {
  for (const prefix of ["/graphql", "/exports", "/healthz", "/readyz", "/metrics"]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return prefix;
  }
  return "other";
}

function pathOf(url: string | undefined): string {
  // The query string is left out: a GET query's variables may hold personal data.
  return (url ?? "").split("?")[0];
}

/** What the final log line adds about the request: operation, SQL statements, error codes. */
function outcome(res: ServerResponse) {
  const record = recordOf(res as Response);
  return {
    operation: record.operationName,
    operationType: record.operationType,
    sqlStatements: record.tally.count,
    ...(record.errorCodes.length ? { errors: record.errorCodes } : {}),
  };
}

/**
 * One JSON log line per request (pino-http): request id (echoed in `x-request-id`), method, path,
 * status, duration, GraphQL operation, SQL statement count and error codes; at level debug, a line
 * when the request arrives too. Never headers, query
 * strings, variables or addresses: they may hold tokens or personal data.
 */
export function requestLogging(): RequestHandler[] {
  const arrived = new WeakSet<ServerResponse>();
  const log = pinoHttp({
    logger,
    quietReqLogger: true,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers["x-request-id"];
      const id = typeof given === "string" && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader("x-request-id", id);
      return id;
    },
    autoLogging: { ignore: (req: IncomingMessage) => UNLOGGED_PATHS.has(pathOf(req.url)) },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: err.message }),
    },
    // Called once when the request arrives (logged at debug: "request received") and once when it ends.
    customLogLevel: (_req, res, error) => {
      if (!arrived.has(res)) {
        arrived.add(res);
        return "debug";
      }
      return error || res.statusCode >= 500 ? "error" : "info";
    },
    customReceivedMessage: () => "request received",
    customSuccessMessage: () => "request completed",
    customErrorMessage: () => "request failed",
    customSuccessObject: (_req, res, value) => ({ ...value, ...outcome(res) }),
    customErrorObject: (_req, res, _error, value) => ({ ...value, ...outcome(res) }),
  });

  const measure: RequestHandler = (req: Request, res: Response, next) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(pathOf(req.originalUrl));
      httpRequestDuration.observe({ route, method: req.method, status: String(res.statusCode) }, seconds);
      if (route !== "/graphql") return;
      const record = recordOf(res);
      // Names of operations that failed validation are not labels: anyone could mint them.
      const operation = record.operationType ? operationLabel(record.operationName) : "(invalid)";
      operationDuration.observe({ operation, type: record.operationType ?? "unknown" }, seconds);
      operationStatements.observe({ operation }, record.tally.count);
    });
    next();
  };
  return [log, measure];
}
