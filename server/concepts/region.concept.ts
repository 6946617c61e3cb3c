import { Region } from "../../entities/region.entity";
import { REFERENCE } from "../cache-control/cache-hints";
import { byName, defineConcept, PUBLIC } from "./concept";

/** Régions (alias r): reference data. */
export const region = defineConcept({
  name: "region",
  entity: Region,
  type: "Region",
  node: true,
  table: "region",
  alias: "r",
  key: "code",
  keyType: "text",
  orders: { ...byName("r"), CODE: { expression: "r.code", type: "text" } },
  lookups: {
    chefLieu: { property: "chefLieuInseeCode", concept: "commune" },
  },
  access: PUBLIC,
  cache: { Region: REFERENCE, "Query.regions": REFERENCE },
});
