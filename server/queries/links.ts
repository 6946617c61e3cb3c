import { COVERAGE_INCLUDES_COMMUNE } from "./coverage";
import { STATED_PRESENCE } from "./qpv-presence";
import { ParentLink } from "./list-source";

const link = (name: string, keyType: ParentLink["keyType"], condition: (k: string) => string): ParentLink => ({ name, keyType, condition });
const int = (name: string, condition: (k: string) => string) => link(name, "integer", condition);
const text = (name: string, condition: (k: string) => string) => link(name, "text", condition);

/** How each nested list relates to its parent (the parent key is a SQL reference such as `parent.key`). */
export const LINKS = {
  // Organisations (alias o)
  organizationsInQpv: text("organizationsInQpv", (k) => `o.id IN (SELECT organization_id FROM organization_qpv WHERE qpv_code = ${k} AND ${STATED_PRESENCE})`),
  organizationsInCommune: text("organizationsInCommune", (k) => `o.commune_insee_code = ${k}`),
  organizersOfEvent: int("organizersOfEvent", (k) => `o.id IN (SELECT organization_id FROM event_organizer WHERE event_id = ${k})`),
  signatoriesOfContrat: int("signatoriesOfContrat", (k) => `o.id IN (SELECT organization_id FROM contrat_de_ville_signatory WHERE contrat_de_ville_id = ${k})`),
  partnersCoveringCommune: text("partnersCoveringCommune", (k) => `o.id IN (SELECT pc.partner_id FROM partner_coverage pc, commune cc
    JOIN department cd ON cd.code = cc.department_code WHERE cc.insee_code = ${k} AND ${COVERAGE_INCLUDES_COMMUNE})`),
  organizationsWithTheme: text("organizationsWithTheme", (k) => `o.id IN (SELECT organization_id FROM organization_theme
    WHERE theme_code IN (SELECT code FROM theme WHERE code = ${k} OR parent_code = ${k}))`),
  organizationsOfGoodPractice: int("organizationsOfGoodPractice", (k) => `o.id IN (SELECT organization_id FROM good_practice_organization WHERE good_practice_id = ${k})`),
  // Projects (alias pr)
  projectsOfOrganization: int("projectsOfOrganization", (k) => `pr.id IN (SELECT project_id FROM project_participant WHERE organization_id = ${k})`),
  projectsInQpv: text("projectsInQpv", (k) => `pr.id IN (SELECT project_id FROM project_qpv WHERE qpv_code = ${k})`),
  projectsOfStake: link("projectsOfStake", "smallint", (k) => `pr.id IN (SELECT project_id FROM project_stake WHERE stake_number = ${k})`),
  projectsOfGoodPractice: int("projectsOfGoodPractice", (k) => `pr.id IN (SELECT project_id FROM good_practice_project WHERE good_practice_id = ${k})`),
  projectsWithTheme: text("projectsWithTheme", (k) => `pr.id IN (SELECT project_id FROM project_theme
    WHERE theme_code IN (SELECT code FROM theme WHERE code = ${k} OR parent_code = ${k}))`),
  projectsOfProposal: int("projectsOfProposal", (k) => `pr.id IN (SELECT project_id FROM project_proposal WHERE proposal_id = ${k})`),
  // Events (alias ev)
  eventsOfOrganization: int("eventsOfOrganization", (k) => `ev.id IN (SELECT event_id FROM event_organizer WHERE organization_id = ${k})`),
  eventsInQpv: text("eventsInQpv", (k) => `ev.qpv_code = ${k}`),
  eventsInCommune: text("eventsInCommune", (k) => `ev.commune_insee_code = ${k}`),
  eventsOfProject: int("eventsOfProject", (k) => `ev.project_id = ${k}`),
  // Memberships (alias m), participants (pp), fundings (f), signatures (cs), coverage (pc)
  networksOfMember: int("networksOfMember", (k) => `m.member_id = ${k}`),
  membersOfNetwork: int("membersOfNetwork", (k) => `m.network_id = ${k}`),
  participantsOfProject: int("participantsOfProject", (k) => `pp.project_id = ${k}`),
  participationsOfOrganization: int("participationsOfOrganization", (k) => `pp.organization_id = ${k}`),
  fundingsOfProject: int("fundingsOfProject", (k) => `f.project_id = ${k}`),
  fundingsByFunder: int("fundingsByFunder", (k) => `f.funder_id = ${k}`),
  signatureOfOrganization: int("signatureOfOrganization", (k) => `cs.organization_id = ${k}`),
  signaturesInQpv: text("signaturesInQpv", (k) => `cs.qpv_code = ${k}`),
  signaturesInCommune: text("signaturesInCommune", (k) => `cs.commune_insee_code = ${k}`),
  coverageOfPartner: int("coverageOfPartner", (k) => `pc.partner_id = ${k}`),
  linksOfOrganization: int("linksOfOrganization", (k) => `cl.organization_id = ${k}`),
  // Territory
  departmentsOfRegion: text("departmentsOfRegion", (k) => `d.region_code = ${k}`),
  communesOfDepartment: text("communesOfDepartment", (k) => `c.department_code = ${k}`),
  communesOfEpci: text("communesOfEpci", (k) => `c.epci_siren = ${k}`),
  communesOfQpv: text("communesOfQpv", (k) => `c.insee_code IN (SELECT commune_insee_code FROM qpv_commune WHERE qpv_code = ${k})`),
  districtsOfCommune: text("districtsOfCommune", (k) => `md.city_insee_code = ${k}`),
  qpvsOfCommune: text("qpvsOfCommune", (k) => `q.code IN (SELECT qpv_code FROM qpv_commune WHERE commune_insee_code = ${k})`),
  qpvsOfDepartment: text("qpvsOfDepartment", (k) => `q.department_code = ${k}`),
  qpvsOfEpci: text("qpvsOfEpci", (k) => `q.code IN (SELECT qc.qpv_code FROM qpv_commune qc JOIN commune qcc ON qcc.insee_code = qc.commune_insee_code WHERE qcc.epci_siren = ${k})`),
  qpvsOfProject: int("qpvsOfProject", (k) => `q.code IN (SELECT qpv_code FROM project_qpv WHERE project_id = ${k})`),
  qpvsOfGoodPractice: int("qpvsOfGoodPractice", (k) => `q.code IN (SELECT qpv_code FROM good_practice_qpv WHERE good_practice_id = ${k})`),
  qpvsOfContrat: int("qpvsOfContrat", (k) => `q.code IN (SELECT qpv_code FROM contrat_de_ville_qpv WHERE contrat_de_ville_id = ${k})`),
  contratsOfOrganization: int("contratsOfOrganization", (k) => `cv.id IN (SELECT contrat_de_ville_id FROM contrat_de_ville_signatory WHERE organization_id = ${k})`),
  contratsOfDepartment: text("contratsOfDepartment", (k) => `cv.department_code = ${k}`),
  contratsOfEpci: text("contratsOfEpci", (k) => `cv.epci_siren = ${k}`),
  contratsOfCommune: text("contratsOfCommune", (k) => `cv.commune_insee_code = ${k}`),
  contratsOfQpv: text("contratsOfQpv", (k) => `cv.id IN (SELECT contrat_de_ville_id FROM contrat_de_ville_qpv WHERE qpv_code = ${k})`),
  // Themes, stakes, proposals, good practices
  themesOfOrganization: int("themesOfOrganization", (k) => `t.code IN (SELECT theme_code FROM organization_theme WHERE organization_id = ${k})`),
  themesOfProject: int("themesOfProject", (k) => `t.code IN (SELECT theme_code FROM project_theme WHERE project_id = ${k})`),
  themesOfGoodPractice: int("themesOfGoodPractice", (k) => `t.code IN (SELECT theme_code FROM good_practice_theme WHERE good_practice_id = ${k})`),
  subThemes: text("subThemes", (k) => `t.parent_code = ${k}`),
  stakesOfProject: int("stakesOfProject", (k) => `s.number IN (SELECT stake_number FROM project_stake WHERE project_id = ${k})`),
  stakesOfGoodPractice: int("stakesOfGoodPractice", (k) => `s.number IN (SELECT stake_number FROM good_practice_stake WHERE good_practice_id = ${k})`),
  proposalsOfProject: int("proposalsOfProject", (k) => `pz.id IN (SELECT proposal_id FROM project_proposal WHERE project_id = ${k})`),
  proposalsOfGoodPractice: int("proposalsOfGoodPractice", (k) => `pz.id IN (SELECT proposal_id FROM good_practice_proposal WHERE good_practice_id = ${k})`),
  proposalsOfStake: link("proposalsOfStake", "smallint", (k) => `pz.stake_number = ${k}`),
  goodPracticesOfOrganization: int("goodPracticesOfOrganization", (k) => `gp.id IN (SELECT good_practice_id FROM good_practice_organization WHERE organization_id = ${k})`),
  goodPracticesOfProject: int("goodPracticesOfProject", (k) => `gp.id IN (SELECT good_practice_id FROM good_practice_project WHERE project_id = ${k})`),
  goodPracticesWithTheme: text("goodPracticesWithTheme", (k) => `gp.id IN (SELECT good_practice_id FROM good_practice_theme
    WHERE theme_code IN (SELECT code FROM theme WHERE code = ${k} OR parent_code = ${k}))`),
  goodPracticesOfStake: link("goodPracticesOfStake", "smallint", (k) => `gp.id IN (SELECT good_practice_id FROM good_practice_stake WHERE stake_number = ${k})`),
  goodPracticesOfProposal: int("goodPracticesOfProposal", (k) => `gp.id IN (SELECT good_practice_id FROM good_practice_proposal WHERE proposal_id = ${k})`),
  goodPracticesInQpv: text("goodPracticesInQpv", (k) => `gp.id IN (SELECT good_practice_id FROM good_practice_qpv WHERE qpv_code = ${k})`),
} satisfies Record<string, ParentLink>;
