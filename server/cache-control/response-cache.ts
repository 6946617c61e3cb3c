import { ApolloServerPlugin } from "@apollo/server";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { hasAuthorization } from "./private-when-authenticated";

/**
 * Answers bigger than this are not stored: one large answer must not push every other entry (and
 * the rate-limit counters sharing Redis) out of a memory-bounded cache. Most answers are far smaller.
 */
export const MAX_CACHED_RESPONSE_BYTES = 512 * 1024;

/** The shared cache, minus the writes of entries above MAX_CACHED_RESPONSE_BYTES. */
function sizeCapped(cache: KeyValueCache<string>): KeyValueCache<string> {
  return {
    get: (key) => cache.get(key),
    delete: (key) => cache.delete(key),
    set: async (key, value, options) => {
      if (Buffer.byteLength(value) <= MAX_CACHED_RESPONSE_BYTES) await cache.set(key, value, options);
    },
  };
}

/**
 * Apollo's full response cache, for anonymous queries whose policy is PUBLIC (see cache-policy.ts),
 * in the shared cache (Redis: one entry serves every instance). Requests with an Authorization header
 * neither read nor write it; PRIVATE and maxAge 0 responses, errors and mutations are never stored.
 * An entry lives as long as its response's maxAge: no invalidation on writes (see the docs).
 */
export function anonymousResponseCache(cache: KeyValueCache<string>): ApolloServerPlugin {
  const anonymous = async ({ request }: { request: { http?: { headers: { get(name: string): string | undefined } } } }) =>
    !hasAuthorization(request.http?.headers);
  return responseCachePlugin({
    cache: sizeCapped(cache),
    // No sessions: PRIVATE responses are simply not stored (and the plugin does not warn about each).
    sessionId: async () => null,
    shouldReadFromCache: anonymous,
    shouldWriteToCache: anonymous,
  });
}
