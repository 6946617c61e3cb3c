/**
 * How long each part of the graph may be cached, and by whom: the one table of the API's HTTP
 * caching policy. An operation's policy is the smallest maxAge (and the most restrictive scope) of
 * every field it may resolve, by the rules of Apollo's cache control; a field returning an object
 * takes the hint of its type unless the field has its own. Anything left without a hint counts as maxAge 0,
 * so a forgotten type makes responses uncacheable, never wrongly cached.
 *
 * The hints are static (an operation's policy is planned once, see operation-cache-policy.ts): no per-field work
 * at request time.
 */

import { CONCEPTS } from "../concepts";
import { ADDRESS_LOOKUP, CacheHint, INHERIT, NO_STORE, PERSONAL, PUBLIC_MUTABLE } from "./cache-hints";

export { ADDRESS_LOOKUP, INHERIT, NO_STORE, PERSONAL, PUBLIC_MUTABLE, REFERENCE } from "./cache-hints";
export type { CacheHint } from "./cache-hints";

/** Hints per type (objects, interfaces, unions) that are no concept's: a concept's types are in its descriptor (server/concepts). */
const SHARED_TYPE_POLICY: Readonly<Record<string, CacheHint>> = {
  // The public graph.
  Node: PUBLIC_MUTABLE, CooperationHub: PUBLIC_MUTABLE, CooperationNetwork: PUBLIC_MUTABLE, CooperationPath: PUBLIC_MUTABLE,
  PartnerSuggestion: PUBLIC_MUTABLE, Dashboard: PUBLIC_MUTABLE, RnaRecord: PUBLIC_MUTABLE, SearchResult: PUBLIC_MUTABLE,
  QpvPresence: PUBLIC_MUTABLE,
  // Personal or per-viewer.
  Viewer: PERSONAL, OrganizationContact: PERSONAL,
  // Mutation results.
  ArchivePayload: NO_STORE, MutationError: NO_STORE,
  // Value objects.
  PageInfo: INHERIT, GeoPoint: INHERIT, BoundingBox: INHERIT, Attendance: INHERIT, QpvNeighbour: INHERIT, SearchMatch: INHERIT,
  SuggestionReason: INHERIT, CooperationNetworkNode: INHERIT, AddressQpv: INHERIT, GeocodedAddress: INHERIT, QpvNearAddress: INHERIT,
};

/** Hints per field (`Type.field`) that are no concept's. */
const SHARED_FIELD_POLICY: Readonly<Record<string, CacheHint>> = {
  "Query.addressQpv": ADDRESS_LOOKUP,
  "Query.node": PUBLIC_MUTABLE, "Query.nodes": PUBLIC_MUTABLE, "Query.cooperationHubs": PUBLIC_MUTABLE,
  "Query.cooperationNetwork": PUBLIC_MUTABLE, "Query.cooperationPath": PUBLIC_MUTABLE, "Query.partnerSuggestions": PUBLIC_MUTABLE,
  "Query.dashboard": PUBLIC_MUTABLE, "Query.search": PUBLIC_MUTABLE,
  "Query.viewer": PERSONAL,
};

/** The shared table plus every concept's hints (`Type` or `Type.field` keys); a key given twice is a mistake. */
function gather(shared: Readonly<Record<string, CacheHint>>, fields: boolean): Readonly<Record<string, CacheHint>> {
  const policy: Record<string, CacheHint> = { ...shared };
  for (const concept of CONCEPTS) {
    for (const [key, hint] of Object.entries(concept.cache)) {
      if (key.includes(".") !== fields) continue;
      if (key in policy) throw new Error(`cache policy: ${key} has two hints (concept ${concept.name})`);
      policy[key] = hint;
    }
  }
  return policy;
}

/** Hints per type (objects, interfaces, unions). */
export const TYPE_POLICY: Readonly<Record<string, CacheHint>> = gather(SHARED_TYPE_POLICY, false);

/** Types named like these inherit too: connections, edges and the parts of a dashboard. */
const INHERITING_NAMES = /(Connection|Edge)$|^Dashboard./;

/** Hints per field, `Type.field`; they override the hint of the field's type. */
export const FIELD_POLICY: Readonly<Record<string, CacheHint>> = gather(SHARED_FIELD_POLICY, true);

/** The hint of a type, from the table or the naming rule; undefined when the table forgot it. */
export function typeHint(typeName: string): CacheHint | undefined {
  return TYPE_POLICY[typeName] ?? (INHERITING_NAMES.test(typeName) ? INHERIT : undefined);
}

/** The hint of a field: the table's, or NO_STORE for every mutation. */
export function fieldHint(typeName: string, fieldName: string): CacheHint | undefined {
  return FIELD_POLICY[`${typeName}.${fieldName}`] ?? (typeName === "Mutation" ? NO_STORE : undefined);
}
