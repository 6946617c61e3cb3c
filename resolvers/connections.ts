import { AuditEntry } from "../entities/audit-entry.entity";
import { Association } from "../entities/association.entity";
import { CharterSignature } from "../entities/charter-signature.entity";
import { Commune } from "../entities/commune.entity";
import { CooperationLink } from "../entities/cooperation-link.view";
import { ContratDeVille } from "../entities/contrat-de-ville.entity";
import { Department } from "../entities/department.entity";
import { Epci } from "../entities/epci.entity";
import { Funding } from "../entities/funding.entity";
import { GoodPractice } from "../entities/good-practice.entity";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { ParticipationEvent } from "../entities/participation-event.entity";
import { Partner } from "../entities/partner.entity";
import { CooperationProject } from "../entities/project.entity";
import { ProjectParticipant } from "../entities/project-participant.entity";
import { Qpv } from "../entities/qpv.entity";
import { Region } from "../entities/region.entity";
import { ConnectionType } from "../schema/connection";
import { NearConnectionType } from "../schema/types/geo-near.type";

/** Connection types of every list in the graph, from the one factory. */
export const AssociationConnection = ConnectionType(Association, "Association", "A page of associations.");
export const PartnerConnection = ConnectionType(Partner, "Partner", "A page of partners.");
export const OrganizationConnection = ConnectionType(Organization, "Organization", "A page of organisations (associations and partners).");
export const ProjectConnection = ConnectionType(CooperationProject, "CooperationProject", "A page of cooperation projects.");
export const EventConnection = ConnectionType(ParticipationEvent, "ParticipationEvent", "A page of participation events.");
export const MembershipConnection = ConnectionType(Membership, "Membership", "A page of network memberships.");
export const ParticipantConnection = ConnectionType(ProjectParticipant, "ProjectParticipant", "A page of project participations.");
export const FundingConnection = ConnectionType(Funding, "Funding", "A page of fundings.");
export const CharterSignatureConnection = ConnectionType(CharterSignature, "CharterSignature", "A page of charter signatures.");
export const GoodPracticeConnection = ConnectionType(GoodPractice, "GoodPractice", "A page of good practices.");
export const ContratDeVilleConnection = ConnectionType(ContratDeVille, "ContratDeVille", "A page of contrats de ville.");
export const QpvConnection = ConnectionType(Qpv, "Qpv", "A page of QPVs.");
export const CommuneConnection = ConnectionType(Commune, "Commune", "A page of communes.");
export const EpciConnection = ConnectionType(Epci, "Epci", "A page of EPCI.");
export const DepartmentConnection = ConnectionType(Department, "Department", "A page of départements.");
export const RegionConnection = ConnectionType(Region, "Region", "A page of régions.");
export const CooperationLinkConnection = ConnectionType(CooperationLink, "CooperationLink", "A page of cooperation links of one organisation.");
export const AuditEntryConnection = ConnectionType(AuditEntry, "AuditEntry", "A page of the audit trail, latest change first.");

/** Connections of what lies near a point: their edges carry the distance. */
export const NearbyOrganizationConnection = NearConnectionType(
  Organization, "Organization", "Organisations (associations and partners) whose head office lies within a radius of a point, nearest first.",
);

export const NearbyEventConnection = NearConnectionType(
  ParticipationEvent, "ParticipationEvent", "Participation events whose venue lies within a radius of a point, nearest first.",
);
