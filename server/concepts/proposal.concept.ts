import { Proposal } from "../../entities/proposal.entity";
import { NO_STORE, REFERENCE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, relation, writable } from "./concept";

/** The advocacy paper's proposals (alias pz): reference data that admins correct, never archive. */
export const proposal = defineConcept({
  name: "proposal",
  entity: Proposal,
  type: "Proposal",
  node: true,
  table: "proposal",
  alias: "pz",
  key: "id",
  keyType: "integer",
  orders: { NUMBER: { expression: "pz.number", type: "smallint" } },
  relations: {
    proposalsOfProject: relation.int((k) => `pz.id IN (SELECT proposal_id FROM project_proposal WHERE project_id = ${k})`),
    proposalsOfGoodPractice: relation.int((k) => `pz.id IN (SELECT proposal_id FROM good_practice_proposal WHERE good_practice_id = ${k})`),
    proposalsOfStake: relation.smallint((k) => `pz.stake_number = ${k}`),
  },
  lookups: {
    stake: { property: "stakeNumber", concept: "stake" },
  },
  access: PUBLIC,
  record: writable({
    generated: [],
    links: {},
    organizations: "ARRAY[]::int[]",
    // A proposal of the published paper is corrected, never taken out: projects and good practices refer to it.
    archivable: false,
    // Admins only.
    write: {},
  }),
  cache: { Proposal: REFERENCE, ProposalPayload: NO_STORE },
});
