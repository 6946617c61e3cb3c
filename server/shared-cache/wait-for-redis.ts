import Redis from "ioredis";

/**
 * Resolves once the Redis connection is ready, or its first attempt failed, or after `timeoutMs`:
 * commands fail fast while connecting (no offline queue), so serving before the connection is up
 * would make the first requests miss the shared caches. A Redis that is down never delays the start
 * for long; the caches then miss until it comes back.
 */
export function waitForRedis(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off("ready", done);
      redis.off("error", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once("ready", done);
    redis.once("error", done);
  });
}
