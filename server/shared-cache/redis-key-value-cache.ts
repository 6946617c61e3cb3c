import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import Redis from "ioredis";
import { logger } from "../observability/logger";

/** Entries set without a TTL still expire: nothing in the shared Redis lives forever. */
const FALLBACK_TTL_SECONDS = 86_400;

/**
 * Apollo's KeyValueCache over the process's one Redis connection, under a key prefix (one per
 * purpose: `maillage:apq:`, `maillage:response:`). A cache is an optimisation: when Redis fails,
 * a read is a miss and a write is skipped, so requests carry on without it; the first failure of an
 * outage is logged, not every one.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private failing = false;

  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async get(key: string): Promise<string | undefined> {
    try {
      const value = await this.redis.get(this.prefix + key);
      this.recovered();
      return value ?? undefined;
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl && options.ttl > 0 ? Math.ceil(options.ttl) : FALLBACK_TTL_SECONDS;
    try {
      await this.redis.set(this.prefix + key, value, "EX", ttl);
      this.recovered();
    } catch (error) {
      this.failed(error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.prefix + key)) > 0;
    } catch (error) {
      this.failed(error);
      return false;
    }
  }

  private failed(error: unknown): void {
    if (!this.failing) logger.warn({ err: String(error), prefix: this.prefix }, "shared cache unavailable: serving without it");
    this.failing = true;
  }

  private recovered(): void {
    if (this.failing) logger.info({ prefix: this.prefix }, "shared cache available again");
    this.failing = false;
  }
}
