import { Commune } from "../../entities/commune.entity";
import { REFERENCE } from "../cache-control/cache-hints";
import { byName, defineConcept, PUBLIC, relation } from "./concept";

/** Communes, by INSEE code (alias c): reference data. */
export const commune = defineConcept({
  name: "commune",
  entity: Commune,
  type: "Commune",
  node: true,
  table: "commune",
  alias: "c",
  key: "insee_code",
  keyType: "text",
  orders: { ...byName("c"), CODE: { expression: "c.insee_code", type: "text" } },
  relations: {
    communesOfDepartment: relation.text((k) => `c.department_code = ${k}`),
    communesOfEpci: relation.text((k) => `c.epci_siren = ${k}`),
    communesOfQpv: relation.text((k) => `c.insee_code IN (SELECT commune_insee_code FROM qpv_commune WHERE qpv_code = ${k})`),
  },
  lookups: {
    department: { property: "departmentCode", concept: "department" },
    epci: { property: "epciSiren", concept: "epci" },
  },
  // Getters of the entity: the other postal codes and the coordinates are columns no field shows (always read).
  reads: { postalCodes: ["postalCode"], location: [] },
  access: PUBLIC,
  cache: { Commune: REFERENCE, "Query.communes": REFERENCE, "Query.commune": REFERENCE },
});
