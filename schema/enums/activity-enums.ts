import { registerEnumType } from "type-graphql";

// Enumerations of what organisations do: cooperation projects, participations, fundings, participation events.
// The model's columns hold these values (entities/); filters, inputs and figures speak them too.

/** Life-cycle status of a cooperation project. */
export enum ProjectStatus {
  PROPOSED = "PROPOSED",
  ACTIVE = "ACTIVE",
  COMPLETED = "COMPLETED",
  ABANDONED = "ABANDONED",
}
registerEnumType(ProjectStatus, {
  name: "ProjectStatus",
  description: "Status of a cooperation project.",
  valuesConfig: {
    PROPOSED: { description: "Proposed, not started." },
    ACTIVE: { description: "Running." },
    COMPLETED: { description: "Completed." },
    ABANDONED: { description: "Abandoned before completion." },
  },
});

/** The part an organisation takes in a project. */
export enum ParticipantRole {
  LEAD = "LEAD",
  PARTNER = "PARTNER",
  FUNDER = "FUNDER",
  SUPPORT = "SUPPORT",
}
registerEnumType(ParticipantRole, {
  name: "ParticipantRole",
  description: "Role of an organisation in a project.",
  valuesConfig: {
    LEAD: { description: "Leads the project (porteur)." },
    PARTNER: { description: "Partner in the project." },
    FUNDER: { description: "Funds the project." },
    SUPPORT: { description: "Supports it (DLA, PIVA, network head...)." },
  },
});

/** Funding scheme. */
export enum FundingScheme {
  CONTRAT_DE_VILLE = "CONTRAT_DE_VILLE",
  FONJEP = "FONJEP",
  ADULTE_RELAIS = "ADULTE_RELAIS",
  DLA = "DLA",
  OTHER = "OTHER",
}
registerEnumType(FundingScheme, {
  name: "FundingScheme",
  description: "Scheme a funding comes through.",
  valuesConfig: {
    CONTRAT_DE_VILLE: { description: "Contrat de ville call for projects." },
    FONJEP: { description: "FONJEP post (youth and popular education fund)." },
    ADULTE_RELAIS: { description: "Adulte-relais agreement." },
    DLA: { description: "Dispositif local d'accompagnement." },
    OTHER: { description: "Another scheme (see `schemeLabel`)." },
  },
});

/** Kind of residents' participation event. */
export enum EventKind {
  CONSEIL_CITOYEN = "CONSEIL_CITOYEN",
  PUBLIC_MEETING = "PUBLIC_MEETING",
  WORKSHOP = "WORKSHOP",
  DIAGNOSTIC_EN_MARCHANT = "DIAGNOSTIC_EN_MARCHANT",
  NEIGHBOURHOOD_FESTIVAL = "NEIGHBOURHOOD_FESTIVAL",
  CONSULTATION = "CONSULTATION",
  TRAINING = "TRAINING",
}
registerEnumType(EventKind, {
  name: "EventKind",
  description: "Kind of residents' participation event.",
  valuesConfig: {
    CONSEIL_CITOYEN: { description: "Session of a conseil citoyen (residents' council)." },
    PUBLIC_MEETING: { description: "Public meeting." },
    WORKSHOP: { description: "Workshop." },
    DIAGNOSTIC_EN_MARCHANT: { description: "Diagnostic en marchant (walking diagnosis of the neighbourhood)." },
    NEIGHBOURHOOD_FESTIVAL: { description: "Neighbourhood festival." },
    CONSULTATION: { description: "Consultation." },
    TRAINING: { description: "Training." },
  },
});

/** An accessibility feature of an event. */
export enum AccessibilityFeature {
  WHEELCHAIR = "WHEELCHAIR",
  HEARING_LOOP = "HEARING_LOOP",
  SIGN_LANGUAGE = "SIGN_LANGUAGE",
  EASY_READ = "EASY_READ",
  INTERPRETING = "INTERPRETING",
  CHILDCARE = "CHILDCARE",
}
registerEnumType(AccessibilityFeature, {
  name: "AccessibilityFeature",
  description: "An accessibility feature of an event.",
  valuesConfig: {
    WHEELCHAIR: { description: "Step-free venue, wheelchair accessible." },
    HEARING_LOOP: { description: "Hearing loop (boucle magnétique)." },
    SIGN_LANGUAGE: { description: "French sign language (LSF) interpreting." },
    EASY_READ: { description: "Easy-to-read documents (FALC)." },
    INTERPRETING: { description: "Interpreting into other languages." },
    CHILDCARE: { description: "Childcare on site." },
  },
});
