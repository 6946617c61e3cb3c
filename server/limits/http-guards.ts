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
 * application/json: a form or text/plain POST) is handed on as empty, so that Apollo's
 * content-type checks answer 400 rather than its integration a 500.
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

/** Levels of nesting of `variables` and `extensions` (the object itself is the first): the schema's deepest input needs 4. */
export const MAX_VARIABLES_DEPTH = 32;

/**
 * Levels of brackets (`{`, `[`, `(`) in a query text. graphql's parser, validation rules and cost
 * analysis recurse once or more per level: a few thousand levels overflow the stack. Well above
 * what the depth limit lets through (at most 100 field levels, plus inline fragments and input values).
 */
export const MAX_QUERY_NESTING = 200;

/** Whether a JSON value nests containers deeper than `limit` levels; without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) if (child !== null && typeof child === "object") pending.push([child, depth + 1]);
  }
  return false;
}

/** Index just after the string (or block string) that starts at `start`, as graphql's lexer reads it. */
function endOfString(text: string, start: number): number {
  if (text.startsWith('"""', start)) {
    for (let i = start + 3; i < text.length; i++) {
      if (text.startsWith('\\"""', i)) i += 3;
      else if (text.startsWith('"""', i)) return i + 3;
    }
    return text.length;
  }
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"' || c === "\n" || c === "\r") return i + 1;
  }
  return text.length;
}

/** Whether a GraphQL text nests brackets deeper than `limit` levels (strings and comments skipped); one pass. */
export function queryNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "[" || c === "(") {
      if (++depth > limit) return true;
    } else if (c === "}" || c === "]" || c === ")") {
      depth = Math.max(0, depth - 1);
    } else if (c === '"') {
      i = endOfString(text, i) - 1;
    } else if (c === "#") {
      while (i + 1 < text.length && text[i + 1] !== "\n" && text[i + 1] !== "\r") i++;
    }
  }
  return false;
}

/** The GraphQL parameters as Apollo will read them: the JSON body of a POST, the URL parameters of a GET (every value given). */
function graphqlParameters(req: express.Request): { query: unknown[]; variables: unknown[]; extensions: unknown[] } {
  if (req.method === "POST") {
    const body = (req.body ?? {}) as Record<string, unknown>;
    return { query: [body.query], variables: [body.variables], extensions: [body.extensions] };
  }
  const search = new URLSearchParams(req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1).split("#")[0] : "");
  const json = (name: string) => search.getAll(name).map((text) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Apollo refuses it with 400.
      return undefined;
    }
  });
  return { query: search.getAll("query"), variables: json("variables"), extensions: json("extensions") };
}

/**
 * Before Apollo parses anything: refuses `variables` or `extensions` nested deeper than
 * MAX_VARIABLES_DEPTH (JSON.stringify of the response cache key, or graphql's coercion, would
 * overflow the stack on thousands of levels: an HTTP 500), and a query text nesting brackets
 * deeper than MAX_QUERY_NESTING (the parser's recursion would). Iterative, linear in the body.
 */
export function nestingGuard(): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "POST") return next();
    const { query, variables, extensions } = graphqlParameters(req);
    for (const [name, values] of [["variables", variables], ["extensions", extensions]] as const) {
      if (values.some((value) => nestsDeeperThan(value, MAX_VARIABLES_DEPTH))) {
        refuse(res, 400, "VARIABLES_TOO_DEEP", `\`${name}\` nest deeper than ${MAX_VARIABLES_DEPTH} levels.`, { limit: MAX_VARIABLES_DEPTH });
        return;
      }
    }
    if (query.some((text) => typeof text === "string" && queryNestsDeeperThan(text, MAX_QUERY_NESTING))) {
      refuse(res, 400, "QUERY_TOO_NESTED", `The query nests brackets deeper than ${MAX_QUERY_NESTING} levels.`, { limit: MAX_QUERY_NESTING });
      return;
    }
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
