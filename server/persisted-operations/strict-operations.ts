import express from "express";
import { OperationRegistry, sha256 } from "./operation-manifest";
import { sendHttpError } from "../http-error";

/** The stable code of a refused operation. */
export const OPERATION_NOT_REGISTERED = "OPERATION_NOT_REGISTERED";

/** One GraphQL request's `query` and persisted query hash, from a POST body or GET parameters. */
interface OperationRef {
  query?: unknown;
  hash?: unknown;
}

function extensionsOf(value: unknown): { persistedQuery?: { sha256Hash?: unknown } } | undefined {
  if (typeof value !== "string") return value as ReturnType<typeof extensionsOf>;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function operationsOf(req: express.Request): OperationRef[] {
  const source = req.method === "GET" ? [req.query] : Array.isArray(req.body) ? req.body : [req.body];
  return source.map((r: Record<string, unknown> | undefined) => ({
    query: r?.query,
    hash: extensionsOf(r?.extensions)?.persistedQuery?.sha256Hash,
  }));
}

/** Registered: the text is one of the registry's bodies, or there is no text and the hash is a registered id. */
function isRegistered(registry: OperationRegistry, { query, hash }: OperationRef): boolean {
  if (typeof query === "string") return registry.has(sha256(query));
  return query === undefined && typeof hash === "string" && registry.has(hash);
}

/**
 * Strict mode (MAILLAGE_STRICT_OPERATIONS): only the operations of the operations file run. Checked
 * on the parsed body, before Apollo parses, validates or runs anything; an unknown operation is
 * refused with HTTP 400 and OPERATION_NOT_REGISTERED (introspection and the landing page included).
 */
export function strictOperations(registry: OperationRegistry): express.RequestHandler {
  return (req, res, next) => {
    if ((req.method === "GET" || req.method === "POST") && operationsOf(req).every((op) => isRegistered(registry, op))) {
      next();
      return;
    }
    sendHttpError(res, 400, OPERATION_NOT_REGISTERED, "This server only runs registered operations, and this one is not registered.");
  };
}
