import { CooperationProject } from "../../entities/project.entity";
import { NO_STORE, PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { byCreation, defineConcept, drafts, relation, snapshotList, writable } from "./concept";

/** Cooperation projects (alias pr): drafts show only to those responsible for them. */
export const project = defineConcept({
  name: "project",
  entity: CooperationProject,
  type: "CooperationProject",
  node: true,
  table: "project",
  alias: "pr",
  key: "id",
  keyType: "integer",
  where: ["pr.archived_at IS NULL"],
  orders: {
    TITLE: { expression: "pr.title_sort", type: "text" },
    ...byCreation("pr"),
    START_DATE: { expression: "coalesce(pr.start_date, '-infinity'::date)", type: "date" },
  },
  relations: {
    projectsOfOrganization: relation.int((k) => `pr.id IN (SELECT project_id FROM project_participant WHERE organization_id = ${k})`),
    projectsInQpv: relation.text((k) => `pr.id IN (SELECT project_id FROM project_qpv WHERE qpv_code = ${k})`),
    projectsOfStake: relation.smallint((k) => `pr.id IN (SELECT project_id FROM project_stake WHERE stake_number = ${k})`),
    projectsOfGoodPractice: relation.int((k) => `pr.id IN (SELECT project_id FROM good_practice_project WHERE good_practice_id = ${k})`),
    projectsWithTheme: relation.text((k) => `pr.id IN (SELECT project_id FROM project_theme
    WHERE theme_code IN (SELECT code FROM theme WHERE code = ${k} OR parent_code = ${k}))`),
    projectsOfProposal: relation.int((k) => `pr.id IN (SELECT project_id FROM project_proposal WHERE proposal_id = ${k})`),
  },
  // Officers of its QPVs' or lead participant's territories, its participants' editors and managers.
  access: drafts("project"),
  record: writable({
    generated: ["title_sort"],
    links: {
      participants: snapshotList("SELECT organization_id, role FROM project_participant WHERE project_id = x.id ORDER BY organization_id, role"),
      fundings: snapshotList(`SELECT funder_id, amount_eur, year, scheme, scheme_label FROM funding WHERE project_id = x.id
        ORDER BY year, funder_id, id`),
      qpvs: snapshotList("SELECT qpv_code AS code FROM project_qpv WHERE project_id = x.id ORDER BY qpv_code"),
      themes: snapshotList("SELECT theme_code AS code FROM project_theme WHERE project_id = x.id ORDER BY theme_code"),
      stakes: snapshotList("SELECT stake_number AS number FROM project_stake WHERE project_id = x.id ORDER BY stake_number"),
      proposals: snapshotList(`SELECT pz.number FROM project_proposal l JOIN proposal pz ON pz.id = l.proposal_id
  WHERE l.project_id = x.id ORDER BY pz.number`),
    },
    organizations: "ARRAY(SELECT DISTINCT organization_id FROM project_participant WHERE project_id = x.id)",
    write: {
      // Projects (with their participants and fundings) of the officer's territories.
      POLICY_OFFICER: (access, _viewer, params) => access.project("x", params),
    },
  }),
  cache: {
    CooperationProject: PUBLIC_MUTABLE, ProjectPayload: NO_STORE,
    "Query.project": PUBLIC_MUTABLE, "Query.projects": PUBLIC_MUTABLE,
  },
});
