import type { Association } from "../../entities/association.entity";
import type { Commune } from "../../entities/commune.entity";
import type { Department } from "../../entities/department.entity";
import type { Funding } from "../../entities/funding.entity";
import type { Organization } from "../../entities/organization.entity";
import type { ParticipationEvent } from "../../entities/participation-event.entity";
import type { Partner } from "../../entities/partner.entity";
import type { PartnerCoverage } from "../../entities/partner-coverage.entity";
import type { CooperationProject } from "../../entities/project.entity";
import type { ProjectParticipant } from "../../entities/project-participant.entity";
import type { Qpv } from "../../entities/qpv.entity";
import type { Stake } from "../../entities/stake.entity";
import type { Theme } from "../../entities/theme.entity";
import type { QpvPresence } from "../../schema/types/qpv-presence.type";

// The records of the export lists (export-lists.ts reads them, spreadsheet-columns.ts and export-lists.ts turn them
// into columns): in their own module, so that the two do not import each other.

/** A GeoJSON geometry (RFC 7946), WGS84 longitude/latitude. */
export type Geometry = { type: "Point"; coordinates: [number, number] } | { type: string; coordinates: unknown };

export interface OrganizationRecord<O extends Organization> {
  row: O;
  commune: Commune | null;
  presences: QpvPresence[];
  themes: Theme[];
  /** The QPVs of the presences, by code: read for the spreadsheet form only (it names them). */
  qpvs: Map<string, Qpv>;
}

export interface AssociationRecord extends OrganizationRecord<Association> {
  /** Current memberships (not left), with their network heads. */
  networks: (Organization | null)[];
}

export interface PartnerRecord extends OrganizationRecord<Partner> {
  coverage: PartnerCoverage[];
  /** The territories covered, named in French (spreadsheet form only; empty otherwise). */
  coverageNames: string[];
}

export interface ProjectRecord {
  row: CooperationProject;
  qpvs: Qpv[];
  themes: Theme[];
  stakes: Stake[];
  participants: { participant: ProjectParticipant; organization: Organization | null }[];
  fundings: Funding[];
}

export interface EventRecord {
  row: ParticipationEvent;
  commune: Commune | null;
  qpv: Qpv | null;
  project: CooperationProject | null;
  organizers: Organization[];
}

export interface QpvRecord {
  row: Qpv;
  department: Department | null;
  communes: Commune[];
  geometry: Geometry | null;
}
