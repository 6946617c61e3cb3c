import { Association } from "./association.entity";
import { AuditEntry } from "./audit-entry.entity";
import { CharterSignature } from "./charter-signature.entity";
import { Commune } from "./commune.entity";
import { CooperationLink } from "./cooperation-link.view";
import { ContratDeVille } from "./contrat-de-ville.entity";
import { Department } from "./department.entity";
import { Epci } from "./epci.entity";
import { Funding } from "./funding.entity";
import { GoodPractice } from "./good-practice.entity";
import { Membership } from "./membership.entity";
import { MunicipalDistrict } from "./municipal-district.entity";
import { Organization } from "./organization.entity";
import { OrganizationContact } from "./organization-contact.entity";
import { ParticipationEvent } from "./participation-event.entity";
import { Partner } from "./partner.entity";
import { PartnerCoverage } from "./partner-coverage.entity";
import { CooperationProject } from "./project.entity";
import { ProjectParticipant } from "./project-participant.entity";
import { Proposal } from "./proposal.entity";
import { Qpv } from "./qpv.entity";
import { Region } from "./region.entity";
import { RnaRecord } from "./rna-record.entity";
import { Stake } from "./stake.entity";
import { Theme } from "./theme.entity";

/** Every TypeORM entity of the graph. */
export const ENTITIES = [
  Region, Department, Epci, Commune, MunicipalDistrict, Qpv, Theme, Stake, Proposal,
  Organization, Association, Partner, PartnerCoverage, Membership, ContratDeVille,
  CooperationProject, ProjectParticipant, Funding, ParticipationEvent, CharterSignature, GoodPractice, CooperationLink,
  OrganizationContact, AuditEntry, RnaRecord,
];
