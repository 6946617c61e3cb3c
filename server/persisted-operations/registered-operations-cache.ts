import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import { OperationRegistry } from "./operation-manifest";

/**
 * The persisted query cache, with the operations file in front: a registered operation is always
 * found by its hash (no registration round trip, never evicted), others as registered by clients.
 */
export class RegisteredOperationsCache implements KeyValueCache<string> {
  constructor(private readonly registry: OperationRegistry, private readonly inner: KeyValueCache<string>) {}

  async get(hash: string): Promise<string | undefined> {
    return this.registry.get(hash)?.body ?? this.inner.get(hash);
  }

  async set(hash: string, query: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (!this.registry.has(hash)) await this.inner.set(hash, query, options);
  }

  delete(hash: string): Promise<boolean | void> {
    return this.inner.delete(hash);
  }
}
