import { ContratDeVille } from "../../entities/contrat-de-ville.entity";
import { REFERENCE } from "../cache-control/cache-hints";
import { byName, defineConcept, PUBLIC, relation } from "./concept";

/** Contrats de ville 2024-2030 (alias cv): reference data. */
export const contratDeVille = defineConcept({
  name: "contratDeVille",
  entity: ContratDeVille,
  type: "ContratDeVille",
  node: true,
  table: "contrat_de_ville",
  alias: "cv",
  key: "id",
  keyType: "integer",
  orders: byName("cv"),
  relations: {
    contratsOfOrganization: relation.int((k) => `cv.id IN (SELECT contrat_de_ville_id FROM contrat_de_ville_signatory WHERE organization_id = ${k})`),
    contratsOfDepartment: relation.text((k) => `cv.department_code = ${k}`),
    contratsOfEpci: relation.text((k) => `cv.epci_siren = ${k}`),
    contratsOfCommune: relation.text((k) => `cv.commune_insee_code = ${k}`),
    contratsOfQpv: relation.text((k) => `cv.id IN (SELECT contrat_de_ville_id FROM contrat_de_ville_qpv WHERE qpv_code = ${k})`),
  },
  lookups: {
    department: { property: "departmentCode", concept: "department" },
    epci: { property: "epciSiren", concept: "epci" },
    commune: { property: "communeInseeCode", concept: "commune" },
  },
  access: PUBLIC,
  cache: { ContratDeVille: REFERENCE, "Query.contratsDeVille": REFERENCE },
});
