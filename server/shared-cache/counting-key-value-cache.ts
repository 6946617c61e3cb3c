import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import { cacheLookups } from "../observability/metrics";

/** Counts each look-up as a hit or a miss in `maillage_cache_lookups_total{cache=...}`: the hit rate. */
export class CountingKeyValueCache implements KeyValueCache<string> {
  constructor(private readonly inner: KeyValueCache<string>, private readonly cache: "apq" | "response") {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.inner.get(key);
    cacheLookups.inc({ cache: this.cache, outcome: value === undefined ? "miss" : "hit" });
    return value;
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return this.inner.set(key, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.inner.delete(key);
  }
}
