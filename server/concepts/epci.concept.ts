import { Epci } from "../../entities/epci.entity";
import { REFERENCE } from "../cache-control/cache-hints";
import { byName, defineConcept, PUBLIC } from "./concept";

/** EPCI, by SIREN (alias e): reference data. */
export const epci = defineConcept({
  name: "epci",
  entity: Epci,
  type: "Epci",
  node: true,
  table: "epci",
  alias: "e",
  key: "siren",
  keyType: "text",
  orders: { ...byName("e"), CODE: { expression: "e.siren", type: "text" } },
  access: PUBLIC,
  cache: { Epci: REFERENCE, "Query.epcis": REFERENCE },
});
