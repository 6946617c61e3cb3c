import type { AreaKey } from "./territory";

/**
 * The in-memory demo dataset, built in full before anything is written: rows reference each other
 * by their position in their list (`orgIndex`, `projectIndex`...), turned into ids on insertion.
 */

export type Presence = "BASED" | "ACTIVE";
export type Grouping = "SIMPLE" | "UNION" | "FEDERATION";
export type PartnerType =
  | "STATE_SERVICE" | "PREFECT_DELEGATE" | "ANCT" | "COMMUNE" | "EPCI" | "DEPARTMENT" | "REGION" | "CAF"
  | "SOCIAL_LANDLORD" | "SUPPORT_SCHEME" | "PUBLIC_AGENCY" | "FOUNDATION" | "COMPANY" | "OTHER";
export type FundingScheme = "CONTRAT_DE_VILLE" | "FONJEP" | "ADULTE_RELAIS" | "DLA" | "OTHER";
export type ParticipantRole = "LEAD" | "PARTNER" | "FUNDER" | "SUPPORT";
export type ProjectStatus = "PROPOSED" | "ACTIVE" | "COMPLETED" | "ABANDONED";

/** An organisation row (association or partner) and the generator's notes about it. */
export interface DemoOrganization {
  kind: "ASSOCIATION" | "PARTNER";
  name: string;
  shortName: string | null;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  purpose: string | null;
  grouping: Grouping | null;
  createdOn: string | null;
  /** ETP with 2 decimals, as text ("1.50"), or null. */
  staffEtp: string | null;
  volunteers: number | null;
  members: number | null;
  partnerType: PartnerType | null;
  address: string | null;
  postalCode: string | null;
  communeInseeCode: string | null;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  email: string | null;
  themes: string[];
  qpvs: { code: string; presence: Presence }[];
  /** Generator notes, not stored. */
  meta: {
    key: string;
    area: AreaKey | "national";
    /** Association kind key, network key, or partner key. */
    kindKey: string;
    isNetwork: boolean;
    /** Demo communes a partner covers (all demo communes for national ones). */
    coveredCommunes?: Set<string>;
    /** The QPV a based association is in, or the nearest one. */
    homeQpv?: string;
  };
}

export interface DemoCoverage {
  orgIndex: number;
  regionCode: string | null;
  departmentCode: string | null;
  epciSiren: string | null;
  communeInseeCode: string | null;
}

export interface DemoMembership {
  networkIndex: number;
  memberIndex: number;
  joinedOn: string | null;
  leftOn: string | null;
}

export interface DemoContratDeVille {
  name: string;
  departmentCode: string;
  epciSiren: string | null;
  communeInseeCode: string | null;
  startYear: number;
  endYear: number;
  signedOn: string;
  qpvCodes: string[];
  signatoryIndexes: number[];
}

export interface DemoProject {
  title: string;
  summary: string;
  status: ProjectStatus;
  startDate: string | null;
  endDate: string | null;
  residentsReached: number | null;
  themes: string[];
  qpvCodes: string[];
  stakes: number[];
  participants: { orgIndex: number; role: ParticipantRole }[];
  fundings: { funderIndex: number; amountEur: string; year: number; scheme: FundingScheme; schemeLabel: string | null }[];
  meta: { templateKey: string; area: AreaKey; communeCode: string };
}

export interface DemoEvent {
  title: string;
  description: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  venueName: string;
  venueAddress: string;
  communeInseeCode: string;
  latitude: number;
  longitude: number;
  qpvCode: string;
  projectIndex: number | null;
  residentsCount: number | null;
  associationsCount: number | null;
  totalCount: number | null;
  accessibility: string[];
  organizerIndexes: number[];
}

export interface DemoCharterSignature {
  orgIndex: number;
  signedOn: string;
  communeInseeCode: string | null;
  qpvCode: string | null;
  signatoryRole: string;
}

export interface DemoGoodPractice {
  title: string;
  summary: string;
  body: string;
  publishedOn: string;
  orgIndexes: number[];
  projectIndexes: number[];
  qpvCodes: string[];
  themes: string[];
  stakes: number[];
}

/** The whole demo dataset. */
export interface DemoDataset {
  organizations: DemoOrganization[];
  coverages: DemoCoverage[];
  memberships: DemoMembership[];
  contratsDeVille: DemoContratDeVille[];
  projects: DemoProject[];
  events: DemoEvent[];
  charterSignatures: DemoCharterSignature[];
  goodPractices: DemoGoodPractice[];
}
