import { GoodPractice } from "../../entities/good-practice.entity";
import { NO_STORE, PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, relation, snapshotList, writable } from "./concept";

/** Good practices of the guide (alias gp): public, written by admins. */
export const goodPractice = defineConcept({
  name: "goodPractice",
  entity: GoodPractice,
  type: "GoodPractice",
  node: true,
  table: "good_practice",
  alias: "gp",
  key: "id",
  keyType: "integer",
  where: ["gp.archived_at IS NULL"],
  orders: {
    TITLE: { expression: "gp.title_sort", type: "text" },
    PUBLISHED_ON: { expression: "coalesce(gp.published_on, '-infinity'::date)", type: "date" },
  },
  relations: {
    goodPracticesOfOrganization: relation.int((k) => `gp.id IN (SELECT good_practice_id FROM good_practice_organization WHERE organization_id = ${k})`),
    goodPracticesOfProject: relation.int((k) => `gp.id IN (SELECT good_practice_id FROM good_practice_project WHERE project_id = ${k})`),
    goodPracticesWithTheme: relation.text((k) => `gp.id IN (SELECT good_practice_id FROM good_practice_theme
    WHERE theme_code IN (SELECT code FROM theme WHERE code = ${k} OR parent_code = ${k}))`),
    goodPracticesOfStake: relation.smallint((k) => `gp.id IN (SELECT good_practice_id FROM good_practice_stake WHERE stake_number = ${k})`),
    goodPracticesOfProposal: relation.int((k) => `gp.id IN (SELECT good_practice_id FROM good_practice_proposal WHERE proposal_id = ${k})`),
    goodPracticesInQpv: relation.text((k) => `gp.id IN (SELECT good_practice_id FROM good_practice_qpv WHERE qpv_code = ${k})`),
  },
  access: PUBLIC,
  record: writable({
    generated: ["title_sort"],
    links: {
      organizations: snapshotList("SELECT organization_id FROM good_practice_organization WHERE good_practice_id = x.id ORDER BY 1"),
      projects: snapshotList("SELECT project_id FROM good_practice_project WHERE good_practice_id = x.id ORDER BY 1"),
      qpvs: snapshotList("SELECT qpv_code AS code FROM good_practice_qpv WHERE good_practice_id = x.id ORDER BY 1"),
      themes: snapshotList("SELECT theme_code AS code FROM good_practice_theme WHERE good_practice_id = x.id ORDER BY 1"),
      stakes: snapshotList("SELECT stake_number AS number FROM good_practice_stake WHERE good_practice_id = x.id ORDER BY 1"),
      proposals: snapshotList(`SELECT pz.number FROM good_practice_proposal l JOIN proposal pz ON pz.id = l.proposal_id
  WHERE l.good_practice_id = x.id ORDER BY pz.number`),
    },
    organizations: "ARRAY(SELECT organization_id FROM good_practice_organization WHERE good_practice_id = x.id)",
    // The projects it was drawn from: a draft project is left out of the snapshots of those who may not see it.
    snapshotReferences: [{ field: "projects", key: "project_id", target: "project" }],
    // Admins only.
    write: {},
  }),
  cache: { GoodPractice: PUBLIC_MUTABLE, GoodPracticePayload: NO_STORE, "Query.goodPractices": PUBLIC_MUTABLE },
});
