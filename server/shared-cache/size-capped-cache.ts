import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";

/**
 * A cache that skips the writes of values over `maxBytes` (UTF-8): one client must not fill a
 * shared, memory-bounded store (Redis holds the rate-limit counters too) with a few large values.
 * A skipped write is only a cache miss later.
 */
export class SizeCappedKeyValueCache implements KeyValueCache<string> {
  constructor(private readonly inner: KeyValueCache<string>, readonly maxBytes: number) {}

  get(key: string): Promise<string | undefined> {
    return this.inner.get(key);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (Buffer.byteLength(value) <= this.maxBytes) await this.inner.set(key, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.inner.delete(key);
  }
}
