import { Association } from "../../entities/association.entity";
import { AuditEntry } from "../../entities/audit-entry.entity";
import { CharterSignature } from "../../entities/charter-signature.entity";
import { Commune } from "../../entities/commune.entity";
import { CooperationLink } from "../../entities/cooperation-link.view";
import { ContratDeVille } from "../../entities/contrat-de-ville.entity";
import { Department } from "../../entities/department.entity";
import { Epci } from "../../entities/epci.entity";
import { Funding } from "../../entities/funding.entity";
import { GoodPractice } from "../../entities/good-practice.entity";
import { Membership } from "../../entities/membership.entity";
import { MunicipalDistrict } from "../../entities/municipal-district.entity";
import { Organization } from "../../entities/organization.entity";
import { ParticipationEvent } from "../../entities/participation-event.entity";
import { Partner } from "../../entities/partner.entity";
import { PartnerCoverage } from "../../entities/partner-coverage.entity";
import { CooperationProject } from "../../entities/project.entity";
import { ProjectParticipant } from "../../entities/project-participant.entity";
import { Proposal } from "../../entities/proposal.entity";
import { Qpv } from "../../entities/qpv.entity";
import { Region } from "../../entities/region.entity";
import { Stake } from "../../entities/stake.entity";
import { Theme } from "../../entities/theme.entity";
import { ListSource } from "./list-source";

/** Names and titles sort on their folded key (accents, case, punctuation), see `sort_key` in the migration. */
const byName = (alias: string) => ({ NAME: { expression: `${alias}.name_sort`, type: "text" } });
const byCreation = (alias: string) => ({ CREATED_AT: { expression: `${alias}.created_at`, type: "timestamptz" } });

/**
 * Every list of the graph reads from one of these sources; archived records are left out of lists.
 * Drafts are guarded per viewer by `RowAccess` (server/access), which the list engine applies too.
 */
export const SOURCES = {
  organization: {
    name: "organization", entity: Organization, table: "organization", alias: "o", key: "o.id", keyType: "integer",
    where: ["o.archived_at IS NULL"], orders: { ...byName("o"), ...byCreation("o") },
  },
  association: {
    name: "association", entity: Association, table: "organization", alias: "o", key: "o.id", keyType: "integer",
    where: ["o.kind = 'ASSOCIATION'", "o.archived_at IS NULL"], orders: { ...byName("o"), ...byCreation("o") },
  },
  partner: {
    name: "partner", entity: Partner, table: "organization", alias: "o", key: "o.id", keyType: "integer",
    where: ["o.kind = 'PARTNER'", "o.archived_at IS NULL"], orders: { ...byName("o"), ...byCreation("o") },
  },
  project: {
    name: "project", entity: CooperationProject, table: "project", alias: "pr", key: "pr.id", keyType: "integer",
    where: ["pr.archived_at IS NULL"],
    orders: { TITLE: { expression: "pr.title_sort", type: "text" }, ...byCreation("pr"),
      START_DATE: { expression: "coalesce(pr.start_date, '-infinity'::date)", type: "date" } },
  },
  event: {
    name: "event", entity: ParticipationEvent, table: "participation_event", alias: "ev", key: "ev.id", keyType: "integer",
    where: ["ev.archived_at IS NULL"],
    orders: { STARTS_AT: { expression: "ev.starts_at", type: "timestamptz" }, TITLE: { expression: "ev.title_sort", type: "text" } },
  },
  goodPractice: {
    name: "goodPractice", entity: GoodPractice, table: "good_practice", alias: "gp", key: "gp.id", keyType: "integer",
    where: ["gp.archived_at IS NULL"],
    orders: { TITLE: { expression: "gp.title_sort", type: "text" },
      PUBLISHED_ON: { expression: "coalesce(gp.published_on, '-infinity'::date)", type: "date" } },
  },
  membership: {
    name: "membership", entity: Membership, table: "membership", alias: "m", key: "m.id", keyType: "integer",
    where: ["m.archived_at IS NULL", "NOT EXISTS (SELECT 1 FROM organization mao WHERE mao.id IN (m.network_id, m.member_id) AND mao.archived_at IS NOT NULL)"],
    orders: { JOINED_ON: { expression: "coalesce(m.joined_on, '-infinity'::date)", type: "date" } },
  },
  participant: {
    name: "participant", entity: ProjectParticipant, table: "project_participant", alias: "pp", key: "pp.id", keyType: "integer",
    where: ["NOT EXISTS (SELECT 1 FROM project pap WHERE pap.id = pp.project_id AND pap.archived_at IS NOT NULL)"],
    orders: { ROLE: { expression: "array_position(ARRAY['LEAD','PARTNER','FUNDER','SUPPORT'], pp.role)", type: "integer" } },
  },
  funding: {
    name: "funding", entity: Funding, table: "funding", alias: "f", key: "f.id", keyType: "integer",
    where: ["NOT EXISTS (SELECT 1 FROM project fap WHERE fap.id = f.project_id AND fap.archived_at IS NOT NULL)"],
    orders: { YEAR: { expression: "f.year", type: "smallint" } },
  },
  charterSignature: {
    name: "charterSignature", entity: CharterSignature, table: "charter_signature", alias: "cs", key: "cs.id", keyType: "integer",
    where: ["cs.archived_at IS NULL"],
    orders: { SIGNED_ON: { expression: "cs.signed_on", type: "date" } },
  },
  contratDeVille: {
    name: "contratDeVille", entity: ContratDeVille, table: "contrat_de_ville", alias: "cv", key: "cv.id", keyType: "integer",
    orders: byName("cv"),
  },
  region: { name: "region", entity: Region, table: "region", alias: "r", key: "r.code", keyType: "text", orders: { ...byName("r"), CODE: { expression: "r.code", type: "text" } } },
  department: {
    name: "department", entity: Department, table: "department", alias: "d", key: "d.code", keyType: "text",
    orders: { ...byName("d"), CODE: { expression: "d.code", type: "text" } },
  },
  epci: {
    name: "epci", entity: Epci, table: "epci", alias: "e", key: "e.siren", keyType: "text",
    orders: { ...byName("e"), CODE: { expression: "e.siren", type: "text" } },
  },
  commune: {
    name: "commune", entity: Commune, table: "commune", alias: "c", key: "c.insee_code", keyType: "text",
    orders: { ...byName("c"), CODE: { expression: "c.insee_code", type: "text" } },
  },
  district: {
    name: "district", entity: MunicipalDistrict, table: "municipal_district", alias: "md", key: "md.insee_code", keyType: "text",
    orders: { INSEE_CODE: { expression: "md.insee_code", type: "text" } },
  },
  qpv: {
    name: "qpv", entity: Qpv, table: "qpv", alias: "q", key: "q.code", keyType: "text",
    orders: { ...byName("q"), CODE: { expression: "q.code", type: "text" } },
  },
  theme: { name: "theme", entity: Theme, table: "theme", alias: "t", key: "t.code", keyType: "text", orders: { CODE: { expression: "t.code", type: "text" } } },
  stake: { name: "stake", entity: Stake, table: "stake", alias: "s", key: "s.number", keyType: "smallint", orders: { NUMBER: { expression: "s.number", type: "smallint" } } },
  proposal: { name: "proposal", entity: Proposal, table: "proposal", alias: "pz", key: "pz.id", keyType: "integer", orders: { NUMBER: { expression: "pz.number", type: "smallint" } } },
  partnerCoverage: {
    name: "partnerCoverage", entity: PartnerCoverage, table: "partner_coverage", alias: "pc", key: "pc.id", keyType: "integer",
    orders: { ID: { expression: "pc.id", type: "integer" } },
  },
  auditEntry: {
    name: "auditEntry", entity: AuditEntry, table: "audit_entry", alias: "ae", key: "ae.id", keyType: "integer",
    orders: { ID: { expression: "ae.id", type: "integer" } },
  },
  cooperationLink: {
    name: "cooperationLink", entity: CooperationLink, table: "cooperation_link", alias: "cl", key: "cl.partner_id", keyType: "integer",
    orders: { WEIGHT: { expression: "cl.weight", type: "integer" }, LAST_ACTIVITY: { expression: "cl.last_activity_on", type: "date" } },
  },
} satisfies Record<string, ListSource>;
