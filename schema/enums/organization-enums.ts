import { registerEnumType } from "type-graphql";

// Enumerations of organisations: associations, partners and network memberships.
// The model's columns hold these values (entities/); filters, inputs and figures speak them too.

/** RNA grouping of an association. */
export enum AssociationGrouping {
  SIMPLE = "SIMPLE",
  UNION = "UNION",
  FEDERATION = "FEDERATION",
}
registerEnumType(AssociationGrouping, {
  name: "AssociationGrouping",
  description: "Grouping declared in the RNA.",
  valuesConfig: {
    SIMPLE: { description: "A simple association." },
    UNION: { description: "A union of associations." },
    FEDERATION: { description: "A federation of associations." },
  },
});

/** Employer size, derived from staff in full-time equivalents (stake 1 of the advocacy paper). */
export enum EmployerSize {
  NONE = "NONE",
  SMALL_EMPLOYER = "SMALL_EMPLOYER",
  EMPLOYER = "EMPLOYER",
}
registerEnumType(EmployerSize, {
  name: "EmployerSize",
  description: "Employer size derived from staff in full-time equivalents (ETP).",
  valuesConfig: {
    NONE: { description: "No employee (0 ETP or unknown)." },
    SMALL_EMPLOYER: { description: "Small employer association: more than 0 and at most 2 ETP." },
    EMPLOYER: { description: "Employer of more than 2 ETP." },
  },
});

/** Kind of institutional partner / city-policy actor. */
export enum PartnerType {
  STATE_SERVICE = "STATE_SERVICE",
  PREFECT_DELEGATE = "PREFECT_DELEGATE",
  ANCT = "ANCT",
  COMMUNE = "COMMUNE",
  EPCI = "EPCI",
  DEPARTMENT = "DEPARTMENT",
  REGION = "REGION",
  CAF = "CAF",
  SOCIAL_LANDLORD = "SOCIAL_LANDLORD",
  SUPPORT_SCHEME = "SUPPORT_SCHEME",
  PUBLIC_AGENCY = "PUBLIC_AGENCY",
  FOUNDATION = "FOUNDATION",
  COMPANY = "COMPANY",
  OTHER = "OTHER",
}
registerEnumType(PartnerType, {
  name: "PartnerType",
  description: "Kind of institutional partner or city-policy actor.",
  valuesConfig: {
    STATE_SERVICE: { description: "A State service (préfecture, DDETS, DRAJES...)." },
    PREFECT_DELEGATE: { description: "A délégué du préfet, the State's officer for QPV." },
    ANCT: { description: "Agence nationale de la cohésion des territoires." },
    COMMUNE: { description: "A commune (town hall)." },
    EPCI: { description: "An intercommunal body." },
    DEPARTMENT: { description: "A conseil départemental." },
    REGION: { description: "A conseil régional." },
    CAF: { description: "A caisse d'allocations familiales." },
    SOCIAL_LANDLORD: { description: "A social landlord (bailleur social)." },
    SUPPORT_SCHEME: { description: "A support scheme: DLA, Guid'Asso / PIVA..." },
    PUBLIC_AGENCY: { description: "Another public agency (France Travail, ARS...)." },
    FOUNDATION: { description: "A foundation." },
    COMPANY: { description: "A company." },
    OTHER: { description: "Any other partner." },
  },
});

/** The two parties a membership binds, and admins; who ended or archived it decides who may undo that. */
export enum MembershipParty {
  NETWORK = "NETWORK",
  MEMBER = "MEMBER",
  ADMIN = "ADMIN",
}
registerEnumType(MembershipParty, {
  name: "MembershipParty",
  description: "Who acted on a membership: one of its two parties, or an admin.",
  valuesConfig: {
    NETWORK: { description: "The network head's managers." },
    MEMBER: { description: "The member's editors." },
    ADMIN: { description: "An administrator." },
  },
});
