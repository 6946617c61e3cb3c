import { Funding } from "../../entities/funding.entity";
import { PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, partOf, relation } from "./concept";

/** Fundings of projects (alias f): part of their project, written with it. */
export const funding = defineConcept({
  name: "funding",
  entity: Funding,
  type: "Funding",
  node: true,
  table: "funding",
  alias: "f",
  key: "id",
  keyType: "integer",
  where: ["NOT EXISTS (SELECT 1 FROM project fap WHERE fap.id = f.project_id AND fap.archived_at IS NOT NULL)"],
  orders: { YEAR: { expression: "f.year", type: "smallint" } },
  relations: {
    fundingsOfProject: relation.int((k) => `f.project_id = ${k}`),
    fundingsByFunder: relation.int((k) => `f.funder_id = ${k}`),
  },
  lookups: {
    project: { property: "projectId", concept: "project" },
    funder: { property: "funderId", concept: "organization" },
  },
  access: partOf("project", "project_id"),
  cache: { Funding: PUBLIC_MUTABLE, "Query.fundings": PUBLIC_MUTABLE },
});
