import { ApolloServerPlugin } from "@apollo/server";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { SizeCappedKeyValueCache } from "../shared-cache/size-capped-cache";
import { hasAuthorization } from "./private-when-authenticated";

/**
 * Answers bigger than this are not stored: one large answer must not push every other entry (and
 * the rate-limit counters sharing Redis) out of a memory-bounded cache. Most answers are far smaller.
 */
export const MAX_CACHED_RESPONSE_BYTES = 512 * 1024;

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
    cache: new SizeCappedKeyValueCache(cache, MAX_CACHED_RESPONSE_BYTES),
    // No sessions: PRIVATE responses are simply not stored (and the plugin does not warn about each).
    sessionId: async () => null,
    shouldReadFromCache: anonymous,
    shouldWriteToCache: anonymous,
  });
}
