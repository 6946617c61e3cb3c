/**
 * The kinds of cache hint of the API's HTTP caching policy (see cache-policy.ts). A leaf module: concept
 * descriptors (server/concepts) name these for their types and fields, and the policy table gathers them.
 */

/** A cache hint as Apollo's `@cacheControl` directive takes it. */
export type CacheHint = { maxAge: number; scope?: "PUBLIC" | "PRIVATE" } | { inheritMaxAge: true };

/** Territory and reference lists: reloaded a few times a year. */
export const REFERENCE: CacheHint = { maxAge: 86_400 };
/** The public graph that users edit: a minute of staleness at most, and no invalidation to run. */
export const PUBLIC_MUTABLE: CacheHint = { maxAge: 60 };
/**
 * Where an address is: the same for everyone, but geocoded against the BAN, updated weekly, and typed
 * by people (often someone's home): an hour in the asker's own cache, long enough for a repeated
 * question; never in a shared one (a CDN, the response cache), which would keep a log of them.
 */
export const ADDRESS_LOOKUP: CacheHint = { maxAge: 3_600, scope: "PRIVATE" };
/** Depends on who asks, or is personal data: never stored by any cache. */
export const PERSONAL: CacheHint = { maxAge: 0, scope: "PRIVATE" };
/** Mutation results: never stored. */
export const NO_STORE: CacheHint = { maxAge: 0 };
/** Value objects, connections and edges: as cacheable as the field that returns them. */
export const INHERIT: CacheHint = { inheritMaxAge: true };
