import { InMemoryLRUCache, KeyValueCache, PrefixingKeyValueCache } from "@apollo/utils.keyvaluecache";
import Redis from "ioredis";
import { CountingKeyValueCache } from "./counting-key-value-cache";
import { RedisKeyValueCache } from "./redis-key-value-cache";

/** The caches Apollo uses, one per purpose, each counted in the cache look-up metric. */
export interface SharedCaches {
  /** Automatic persisted queries: sha256 hash -> query text. */
  apq: KeyValueCache<string>;
  /** Whole responses of anonymous public queries. */
  response: KeyValueCache<string>;
}

export interface SharedCacheSettings {
  /** Prefix of every key in Redis, before the purpose (`apq:`, `response:`): separates deployments and test runs. */
  keyPrefix: string;
  /** Bound of the in-process store, when there is no Redis. */
  memoryCacheMb: number;
}

/** In Redis when it is configured (shared by all instances), else in a bounded in-process LRU. */
export function createSharedCaches(redis: Redis | undefined, settings: SharedCacheSettings): SharedCaches {
  // One bounded LRU for all purposes in memory: its size is the process's whole cache budget.
  const memory = redis ? undefined : new InMemoryLRUCache<string>({ maxSize: settings.memoryCacheMb * 1024 * 1024 });
  const store = (purpose: string): KeyValueCache<string> => memory
    ? new PrefixingKeyValueCache(memory, `${purpose}:`)
    : new RedisKeyValueCache(redis!, `${settings.keyPrefix}${purpose}:`);
  return {
    apq: new CountingKeyValueCache(store("apq"), "apq"),
    response: new CountingKeyValueCache(store("response"), "response"),
  };
}
