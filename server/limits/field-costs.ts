import { GraphQLCompositeType, GraphQLField, getNamedType, isLeafType } from "graphql";

/**
 * What one field costs by itself, before its children; the one place to tune query costs.
 *
 * Default: a scalar or enum field costs 0 (it is read with its row), an object field 1 (a row, or
 * a loader call), and a list with `first` costs its own cost plus `first` times its children's (so
 * nested connections multiply). In a Relay connection each item costs 1 through its `edges` entry
 * (its row is read whether the client asks for `cursor`, `node` or both), so `node` and `pageInfo`
 * cost nothing more. Fields listed below do more work than one row and cost more.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  // Graph traversals over the cooperation links (recursive SQL, up to maxNodes nodes).
  "Query.cooperationNetwork": 50,
  "Query.cooperationPath": 25,
  "Query.cooperationHubs": 10,
  "Query.partnerSuggestions": 10,
  // Aggregates over a whole territory and period.
  "Query.dashboard": 25,
  // Trigram text search across every kind of record.
  "Query.search": 10,
  // Geometric searches.
  "Query.eventsNear": 5,
  "Query.organizationsNear": 5,
  "Query.qpvAt": 5,
  "Query.auditEntries": 5,
};

/** Writes are transactions with audit rows and idempotency keys: each costs this much at least. */
export const MUTATION_COST = 10;

/** Scaffolding of a Relay connection: costs nothing of its own, its items (`edges`) do. */
function isConnectionScaffolding(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): boolean {
  return (/Connection$/.test(parent.name) && field.name === "pageInfo") || (/Edge$/.test(parent.name) && field.name === "node");
}

/** The cost of the field itself (without its children): the table above, or the default rule. */
export function ownCost(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): number {
  const listed = FIELD_COSTS[`${parent.name}.${field.name}`];
  if (listed !== undefined) return listed;
  if (parent.name === "Mutation") return MUTATION_COST;
  if (isLeafType(getNamedType(field.type))) return 0;
  if (isConnectionScaffolding(parent, field)) return 0;
  return 1;
}
