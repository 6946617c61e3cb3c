import { Qpv } from "../../entities/qpv.entity";
import { REFERENCE } from "../cache-control/cache-hints";
import { byName, defineConcept, PUBLIC, relation } from "./concept";

/** QPVs of the 2024 geography (alias q): reference data. */
export const qpv = defineConcept({
  name: "qpv",
  entity: Qpv,
  type: "Qpv",
  node: true,
  table: "qpv",
  alias: "q",
  key: "code",
  keyType: "text",
  orders: { ...byName("q"), CODE: { expression: "q.code", type: "text" } },
  relations: {
    qpvsOfCommune: relation.text((k) => `q.code IN (SELECT qpv_code FROM qpv_commune WHERE commune_insee_code = ${k})`),
    qpvsOfDepartment: relation.text((k) => `q.department_code = ${k}`),
    qpvsOfEpci: relation.text((k) => `q.code IN (SELECT qc.qpv_code FROM qpv_commune qc JOIN commune qcc ON qcc.insee_code = qc.commune_insee_code WHERE qcc.epci_siren = ${k})`),
    qpvsOfProject: relation.int((k) => `q.code IN (SELECT qpv_code FROM project_qpv WHERE project_id = ${k})`),
    qpvsOfGoodPractice: relation.int((k) => `q.code IN (SELECT qpv_code FROM good_practice_qpv WHERE good_practice_id = ${k})`),
    qpvsOfContrat: relation.int((k) => `q.code IN (SELECT qpv_code FROM contrat_de_ville_qpv WHERE contrat_de_ville_id = ${k})`),
  },
  // Getters of the entity, over columns no field shows (always read).
  reads: { center: [], boundingBox: [] },
  access: PUBLIC,
  cache: { Qpv: REFERENCE, "Query.qpvs": REFERENCE, "Query.qpv": REFERENCE, "Query.qpvAt": REFERENCE },
});
