import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { Request, RequestHandler, Response } from "express";
import { requestLogger } from "./logger";
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
    ...(record.tally.compiled ? { compiled: true } : {}),
    ...(record.errorCodes.length ? { errors: record.errorCodes } : {}),
  };
}

/**
 * One JSON log line per request: request id (echoed in `x-request-id`), method, path, status,
 * duration, GraphQL operation, SQL statement count and error codes; at level debug, a line when the
 * request arrives too. Never headers, query strings, variables or addresses: they may hold tokens or
 * personal data. Written by hand rather than with pino-http, which builds two child loggers and a
 * serialized copy of every request's headers per request (a tenth of the CPU of a small query), and
 * through `requestLogger`, whose lines hold nothing to redact. With it, the request's metrics (duration
 * by route, and per GraphQL operation its duration and SQL statements) once it has finished.
 */
export function requestLogging(): RequestHandler {
  return (req, res, next) => {
    trackRequest(req, res);
    next();
  };
}

function trackRequest(req: Request, res: Response): void {
  const started = process.hrtime.bigint();
  const given = req.headers["x-request-id"];
  const reqId = typeof given === "string" && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader("x-request-id", reqId);
  const path = pathOf(req.originalUrl);
  const logged = !UNLOGGED_PATHS.has(path);
  if (logged && requestLogger.isLevelEnabled("debug")) requestLogger.debug({ reqId }, "request received");
  const complete = (error?: Error) => {
    res.removeListener("close", complete);
    res.removeListener("finish", complete);
    res.removeListener("error", complete);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (res.writableFinished) observe(req.method, path, res, seconds);
    if (!logged) return;
    const line = { reqId, req: { method: req.method, path }, res: { status: res.statusCode }, responseTime: Math.round(seconds * 1000) };
    if (error || res.statusCode >= 500) {
      const err = error ?? new Error(`failed with status code ${res.statusCode}`);
      requestLogger.error({ ...line, err: { type: err.name, message: err.message }, ...outcome(res) }, "request failed");
    } else if (requestLogger.isLevelEnabled("info")) requestLogger.info({ ...line, ...outcome(res) }, "request completed");
  };
  res.on("close", complete);
  res.on("finish", complete);
  res.on("error", complete);
}

/** The request's metrics, once its response has finished. */
function observe(method: string, path: string, res: Response, seconds: number): void {
  const route = routeOf(path);
  httpRequestDuration.observe({ route, method, status: String(res.statusCode) }, seconds);
  if (route !== "/graphql") return;
  const record = recordOf(res);
  // Names of operations that failed validation are not labels: anyone could mint them.
  const operation = record.operationType ? operationLabel(record.operationName) : "(invalid)";
  operationDuration.observe({ operation, type: record.operationType ?? "unknown" }, seconds);
  operationStatements.observe({ operation }, record.tally.count);
}
