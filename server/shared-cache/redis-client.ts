import type Redis from "ioredis";
import { logger } from "../observability/logger";

/**
 * The connection to Redis, when REDIS_URL is set: the caches and rate limits that several API
 * instances must share live there. Commands fail fast while Redis is unreachable (no offline queue)
 * or stalled (a command timeout), so that callers fall back instead of hanging a request.
 */
export function openRedis(url: string): Redis {
  // Loaded here, not at start-up: most instances run without Redis, and ioredis is 39 modules to load.
  const { Redis: RedisClient } = require("ioredis") as typeof import("ioredis");
  const redis = new RedisClient(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // A Redis that stops answering on a live connection (stalled, partitioned) must not hang
    // requests: the command fails, the cache reads a miss, the rate limiter counts in memory.
    commandTimeout: 500,
    lazyConnect: false,
  });
  let lastError = "";
  redis.on("error", (error: Error) => {
    // ioredis retries by itself; log each distinct failure once rather than every retry.
    if (error.message !== lastError) logger.warn({ err: error.message }, "redis unavailable");
    lastError = error.message;
  });
  redis.on("ready", () => {
    if (lastError) logger.info("redis reachable again");
    lastError = "";
  });
  return redis;
}

/** Closes the connection, waiting for pending replies (QUIT), or drops it if Redis is down. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
