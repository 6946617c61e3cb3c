/**
 * How long each part of the graph may be cached, and by whom: the one table of the API's HTTP
 * caching policy. Apollo's cache control plugin takes, for each response, the smallest maxAge (and
 * the most restrictive scope) of every field it resolved; a field returning an object takes the
 * hint of its type unless the field has its own. Anything left without a hint counts as maxAge 0,
 * so a forgotten type makes responses uncacheable, never wrongly cached.
 *
 * The hints are static (applied to the schema once, see apply-cache-policy.ts): no per-field work
 * beyond what the cache control plugin already does.
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

/** Hints per type (objects, interfaces, unions). */
export const TYPE_POLICY: Readonly<Record<string, CacheHint>> = {
  // Reference data.
  Region: REFERENCE, Department: REFERENCE, Epci: REFERENCE, Commune: REFERENCE, MunicipalDistrict: REFERENCE,
  Qpv: REFERENCE, Theme: REFERENCE, Stake: REFERENCE, Proposal: REFERENCE, ContratDeVille: REFERENCE,
  // The public graph.
  Node: PUBLIC_MUTABLE, Organization: PUBLIC_MUTABLE, Association: PUBLIC_MUTABLE, Partner: PUBLIC_MUTABLE,
  Membership: PUBLIC_MUTABLE, CooperationProject: PUBLIC_MUTABLE, ProjectParticipant: PUBLIC_MUTABLE, Funding: PUBLIC_MUTABLE,
  ParticipationEvent: PUBLIC_MUTABLE, CharterSignature: PUBLIC_MUTABLE, GoodPractice: PUBLIC_MUTABLE, PartnerCoverage: PUBLIC_MUTABLE,
  CooperationLink: PUBLIC_MUTABLE, CooperationHub: PUBLIC_MUTABLE, CooperationNetwork: PUBLIC_MUTABLE, CooperationPath: PUBLIC_MUTABLE,
  PartnerSuggestion: PUBLIC_MUTABLE, Dashboard: PUBLIC_MUTABLE, RnaRecord: PUBLIC_MUTABLE, SearchResult: PUBLIC_MUTABLE,
  QpvPresence: PUBLIC_MUTABLE,
  // Personal or per-viewer.
  Viewer: PERSONAL, AuditEntry: PERSONAL, OrganizationContact: PERSONAL,
  // Mutation results.
  ArchivePayload: NO_STORE, AssociationPayload: NO_STORE, CharterSignaturePayload: NO_STORE, EventPayload: NO_STORE,
  GoodPracticePayload: NO_STORE, MembershipPayload: NO_STORE, PartnerPayload: NO_STORE, ProjectPayload: NO_STORE, MutationError: NO_STORE,
  ProposalPayload: NO_STORE,
  // Value objects.
  PageInfo: INHERIT, GeoPoint: INHERIT, BoundingBox: INHERIT, Attendance: INHERIT, QpvNeighbour: INHERIT, SearchMatch: INHERIT,
  SuggestionReason: INHERIT, CooperationNetworkNode: INHERIT, AddressQpv: INHERIT, GeocodedAddress: INHERIT, QpvNearAddress: INHERIT,
};

/** Types named like these inherit too: connections, edges and the parts of a dashboard. */
const INHERITING_NAMES = /(Connection|Edge)$|^Dashboard./;

/** Hints per field, `Type.field`; they override the hint of the field's type. */
export const FIELD_POLICY: Readonly<Record<string, CacheHint>> = {
  "Query.regions": REFERENCE, "Query.departments": REFERENCE, "Query.epcis": REFERENCE, "Query.communes": REFERENCE,
  "Query.commune": REFERENCE, "Query.qpvs": REFERENCE, "Query.qpv": REFERENCE, "Query.qpvAt": REFERENCE, "Query.stakes": REFERENCE,
  "Query.themes": REFERENCE, "Query.contratsDeVille": REFERENCE,
  "Query.addressQpv": ADDRESS_LOOKUP,

  "Query.node": PUBLIC_MUTABLE, "Query.nodes": PUBLIC_MUTABLE, "Query.association": PUBLIC_MUTABLE, "Query.associations": PUBLIC_MUTABLE,
  "Query.partner": PUBLIC_MUTABLE, "Query.partners": PUBLIC_MUTABLE, "Query.organizations": PUBLIC_MUTABLE,
  "Query.organizationsNear": PUBLIC_MUTABLE, "Query.project": PUBLIC_MUTABLE, "Query.projects": PUBLIC_MUTABLE,
  "Query.event": PUBLIC_MUTABLE, "Query.events": PUBLIC_MUTABLE, "Query.eventsNear": PUBLIC_MUTABLE, "Query.fundings": PUBLIC_MUTABLE,
  "Query.charterSignatures": PUBLIC_MUTABLE, "Query.goodPractices": PUBLIC_MUTABLE, "Query.cooperationHubs": PUBLIC_MUTABLE,
  "Query.cooperationNetwork": PUBLIC_MUTABLE, "Query.cooperationPath": PUBLIC_MUTABLE, "Query.partnerSuggestions": PUBLIC_MUTABLE,
  "Query.dashboard": PUBLIC_MUTABLE, "Query.search": PUBLIC_MUTABLE,

  "Query.viewer": PERSONAL, "Query.auditEntries": PERSONAL,
  "Organization.contacts": PERSONAL, "Association.contacts": PERSONAL, "Partner.contacts": PERSONAL,
};

/** The hint of a type, from the table or the naming rule; undefined when the table forgot it. */
export function typeHint(typeName: string): CacheHint | undefined {
  return TYPE_POLICY[typeName] ?? (INHERITING_NAMES.test(typeName) ? INHERIT : undefined);
}

/** The hint of a field: the table's, or NO_STORE for every mutation. */
export function fieldHint(typeName: string, fieldName: string): CacheHint | undefined {
  return FIELD_POLICY[`${typeName}.${fieldName}`] ?? (typeName === "Mutation" ? NO_STORE : undefined);
}
