import { PartnerCoverage } from "../../entities/partner-coverage.entity";
import { PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, relation } from "./concept";

/** The territories a partner covers (alias pc): written with the partner. */
export const partnerCoverage = defineConcept({
  name: "partnerCoverage",
  entity: PartnerCoverage,
  type: "PartnerCoverage",
  table: "partner_coverage",
  alias: "pc",
  key: "id",
  keyType: "integer",
  orders: { ID: { expression: "pc.id", type: "integer" } },
  relations: {
    coverageOfPartner: relation.int((k) => `pc.partner_id = ${k}`),
  },
  lookups: {
    region: { property: "regionCode", concept: "region" },
    department: { property: "departmentCode", concept: "department" },
    epci: { property: "epciSiren", concept: "epci" },
    commune: { property: "communeInseeCode", concept: "commune" },
  },
  access: PUBLIC,
  cache: { PartnerCoverage: PUBLIC_MUTABLE },
});
