import Redis from "ioredis";
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitConfig } from "../config";
import { logger } from "../observability/logger";
import { ClientKey } from "./client-key";

export type RateLimitOutcome =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

/** Consumes a request's query cost from its client's budget of the current window. */
export interface CostRateLimiter {
  consume(client: ClientKey, points: number): Promise<RateLimitOutcome>;
}

/** Seconds between two "Redis down, counting in memory" warnings: one per outage minute, not per request. */
const FALLBACK_LOG_INTERVAL_MS = 60_000;

/**
 * Counts in this process while Redis is out of reach, so that requests are neither refused nor
 * left unlimited. Each instance then keeps its own count (the shared budget is per instance
 * until Redis is back); the fallback is logged, at most once a minute.
 */
class LoggedInsurance extends RateLimiterMemory {
  private lastLog = 0;

  override consume(key: string | number, points?: number, options?: { [key: string]: unknown }): Promise<RateLimiterRes> {
    const now = Date.now();
    if (now - this.lastLog > FALLBACK_LOG_INTERVAL_MS) {
      this.lastLog = now;
      logger.warn({ keyPrefix: this.keyPrefix }, "rate limit store (redis) unavailable: counting in process memory");
    }
    return super.consume(key, points, options);
  }
}

function limiter(points: number, config: RateLimitConfig, keyPrefix: string, redis: Redis | undefined): RateLimiterAbstract {
  const options = { points, duration: config.windowSeconds, keyPrefix };
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: redis,
    // Without a ready connection go straight to the insurance limiter rather than wait for a timeout.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new LoggedInsurance(options),
  });
}

/** One budget per authenticated subject, one per anonymous IP; in Redis when it is configured. */
export function createCostRateLimiter(config: RateLimitConfig, redis: Redis | undefined): CostRateLimiter {
  const limiters: Record<ClientKey["kind"], RateLimiterAbstract> = {
    identity: limiter(config.identityPoints, config, `${config.keyPrefix}:identity`, redis),
    ip: limiter(config.ipPoints, config, `${config.keyPrefix}:ip`, redis),
  };
  return {
    async consume(client, points) {
      try {
        const bucket = limiters[client.kind];
        // A request dearer than a whole window (MAILLAGE_MAX_COST above the budget) takes the whole window, not forever.
        const result = await bucket.consume(client.key, Math.min(points, bucket.points));
        return { allowed: true, remaining: result.remainingPoints };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        // Neither Redis nor the insurance answered: serve the request rather than fail it.
        logger.error({ err: String(rejection) }, "rate limit check failed; request let through");
        return { allowed: true, remaining: -1 };
      }
    },
  };
}
