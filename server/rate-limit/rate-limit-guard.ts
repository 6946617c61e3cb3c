import type { RequestHandler, Response } from "express";
import { viewerOf } from "../auth/authenticate";
import { clientKey } from "./client-key";
import { CostRateLimiter } from "./cost-rate-limiter";
import { sendHttpError } from "../http-error";

/** Points an export draws: a whole list streamed, about ten full pages of the graph. */
export const EXPORT_COST = 1_000;

function refuse(res: Response, retryAfterSeconds: number): void {
  res.set("retry-after", String(retryAfterSeconds));
  sendHttpError(res, 429, "RATE_LIMITED", `Rate limit reached: retry in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

/**
 * Draws a fixed number of points from the client's budget before the route runs (after
 * authentication, which says whose budget it is): for the exports, which are not GraphQL
 * operations and have no computed cost. GraphQL operations draw their cost once it is known
 * (operation-limits-plugin.ts).
 */
export function rateLimitGuard(rateLimiter: CostRateLimiter, points: number): RequestHandler {
  return async (req, res, next) => {
    const outcome = await rateLimiter.consume(clientKey(viewerOf(res), req.ip), points);
    if (!outcome.allowed) return refuse(res, outcome.retryAfterSeconds);
    next();
  };
}
