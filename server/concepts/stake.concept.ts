import { Stake } from "../../entities/stake.entity";
import { REFERENCE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, relation } from "./concept";

/** The advocacy paper's four stakes (alias s): reference data. */
export const stake = defineConcept({
  name: "stake",
  entity: Stake,
  type: "Stake",
  node: true,
  table: "stake",
  alias: "s",
  key: "number",
  keyType: "smallint",
  orders: { NUMBER: { expression: "s.number", type: "smallint" } },
  relations: {
    stakesOfProject: relation.int((k) => `s.number IN (SELECT stake_number FROM project_stake WHERE project_id = ${k})`),
    stakesOfGoodPractice: relation.int((k) => `s.number IN (SELECT stake_number FROM good_practice_stake WHERE good_practice_id = ${k})`),
  },
  access: PUBLIC,
  cache: { Stake: REFERENCE, "Query.stakes": REFERENCE },
});
