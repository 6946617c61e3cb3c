import { Department } from "../../entities/department.entity";
import { REFERENCE } from "../cache-control/cache-hints";
import { byName, defineConcept, PUBLIC, relation } from "./concept";

/** Départements (alias d): reference data. */
export const department = defineConcept({
  name: "department",
  entity: Department,
  type: "Department",
  node: true,
  table: "department",
  alias: "d",
  key: "code",
  keyType: "text",
  orders: { ...byName("d"), CODE: { expression: "d.code", type: "text" } },
  relations: {
    departmentsOfRegion: relation.text((k) => `d.region_code = ${k}`),
  },
  lookups: {
    region: { property: "regionCode", concept: "region" },
    chefLieu: { property: "chefLieuInseeCode", concept: "commune" },
  },
  access: PUBLIC,
  cache: { Department: REFERENCE, "Query.departments": REFERENCE },
});
