import { GraphQLCompositeType, GraphQLField, getNamedType, getNullableType, isLeafType, isListType } from "graphql";

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
  "AddressQpv.qpv": 5,
  "AddressQpv.nearestQpvs": 5,
  // A call to the public address geocoder (up to its timeout): weighed like a network traversal.
  "Query.addressQpv": 50,
  "Query.auditEntries": 5,
  // Scalars computed by a loader over an organisation's projects and events (one lookup, like an object field).
  "Organization.residentsReached": 1, "Association.residentsReached": 1, "Partner.residentsReached": 1,
  "Organization.lastActivityOn": 1, "Association.lastActivityOn": 1, "Partner.lastActivityOn": 1,
};

/**
 * How many items a list field without `first` may return, to weigh its children: such lists
 * (an EPCI's communes, a project's participants...) multiply nested costs like connections do,
 * or a few cheap-looking levels of them would build answers of hundreds of megabytes. Sizes are
 * about the largest seen in the reference data (an EPCI has up to ~160 communes, Marseille ~35
 * QPVs); `maxNodes` bounds a cooperation network's nodes and edges.
 */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  "Epci.communes": 160,
  "Epci.qpvs": 60,
  "Commune.qpvs": 40,
  "Commune.districts": 20,
  "Region.departments": 15,
  "Department.contratsDeVille": 50,
  "Qpv.communes": 5,
  // An organisation is based or active in a few QPVs; the largest networks in a dozen or so.
  "Association.qpvs": 10,
  "Partner.qpvs": 10,
  "Organization.qpvs": 10,
  "Query.themes": 300,
  "Theme.children": 40,
  // The advocacy paper has 16 proposals.
  "Stake.proposals": 16,
  "CooperationProject.proposals": 16,
  "GoodPractice.proposals": 16,
  "DashboardProjectStakeCount.proposals": 16,
  "Query.stakes": 4,
};

/** Any other list field without `first`: a project's participants, an organisation's themes... */
export const DEFAULT_LIST_SIZE = 20;

/** The items a list field without `first` may return (see LIST_SIZES). */
export function listSize(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (/^Cooperation(Network|Path)$/.test(parent.name) && typeof args.maxNodes === "number") return args.maxNodes;
  return LIST_SIZES[`${parent.name}.${field.name}`] ?? DEFAULT_LIST_SIZE;
}

/** A list of objects with no `first` of its own; a connection's `edges` are paged by its `first`. */
export function isUnpagedList(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): boolean {
  // Introspection is bounded by the schema itself (and graphql's own introspection depth rule).
  if (parent.name.startsWith("__")) return false;
  return isListType(getNullableType(field.type)) && !isLeafType(getNamedType(field.type)) && !/Connection$/.test(parent.name);
}

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
