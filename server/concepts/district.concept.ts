import { MunicipalDistrict } from "../../entities/municipal-district.entity";
import { REFERENCE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, relation } from "./concept";

/** Municipal districts (arrondissements) of Paris, Lyon and Marseille (alias md): reference data. */
export const district = defineConcept({
  name: "district",
  entity: MunicipalDistrict,
  type: "MunicipalDistrict",
  table: "municipal_district",
  alias: "md",
  key: "insee_code",
  keyType: "text",
  orders: { INSEE_CODE: { expression: "md.insee_code", type: "text" } },
  relations: {
    districtsOfCommune: relation.text((k) => `md.city_insee_code = ${k}`),
  },
  lookups: {
    city: { property: "cityInseeCode", concept: "commune" },
  },
  // A getter of the entity, over coordinates no field shows (always read).
  reads: { location: [] },
  access: PUBLIC,
  cache: { MunicipalDistrict: REFERENCE },
});
