import express from "express";
import { logger } from "../observability/logger";
import { LimitCode } from "./limit-error";
import { sendHttpError } from "../http-error";

function refuse(res: express.Response, status: number, code: LimitCode | "BAD_REQUEST" | "INTERNAL_SERVER_ERROR", message: string, details: Record<string, unknown> = {}): void {
  sendHttpError(res, status, code, message, details);
}

/**
 * After the JSON body parser: refuses batches (a JSON array of operations), which would multiply
 * a request's cost past every per-request bound. A body the parser left alone (not
 * application/json: a "simple" CSRF-able request) is handed on as empty, so that Apollo's CSRF
 * prevention and content-type checks answer 400 rather than its integration a 500.
 */
export function requestShapeGuard(): express.RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body)) {
      refuse(res, 400, "BATCHING_NOT_SUPPORTED", "Batched requests are not supported: send one operation per request.");
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(req, "body")) (req as { body?: unknown }).body = undefined;
    next();
  };
}

/**
 * Errors raised before GraphQL runs (a body that is not JSON, or too large) answer in GraphQL's
 * error shape; never Express's HTML page with a stack trace. A body over the limit is 413 Content
 * Too Large (RFC 9110 §15.5.14): the status HTTP has for it, which proxies and clients know, and
 * the body was never read, so no GraphQL status applies.
 */
export function bodyErrorHandler(maxBodyBytes: number): express.ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, _next) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 413) {
      refuse(res, 413, "PAYLOAD_TOO_LARGE", `Request body too large: at most ${maxBodyBytes} bytes.`, { limit: maxBodyBytes });
    } else if (status < 500) {
      refuse(res, status, "BAD_REQUEST", "Malformed request body: expected JSON.");
    } else {
      logger.error({ err: String(error) }, "http error");
      refuse(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error.");
    }
  };
}
