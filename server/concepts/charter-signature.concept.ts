import { CharterSignature } from "../../entities/charter-signature.entity";
import { NO_STORE, PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, relation, writable } from "./concept";

/** Signatures of the charter for inter-associative cooperation (alias cs). */
export const charterSignature = defineConcept({
  name: "charterSignature",
  entity: CharterSignature,
  type: "CharterSignature",
  node: true,
  table: "charter_signature",
  alias: "cs",
  key: "id",
  keyType: "integer",
  where: ["cs.archived_at IS NULL"],
  orders: { SIGNED_ON: { expression: "cs.signed_on", type: "date" } },
  relations: {
    signatureOfOrganization: relation.int((k) => `cs.organization_id = ${k}`),
    signaturesInQpv: relation.text((k) => `cs.qpv_code = ${k}`),
    signaturesInCommune: relation.text((k) => `cs.commune_insee_code = ${k}`),
  },
  lookups: {
    organization: { property: "organizationId", concept: "organization" },
    commune: { property: "communeInseeCode", concept: "commune" },
    qpv: { property: "qpvCode", concept: "qpv" },
  },
  access: PUBLIC,
  record: writable({
    generated: [],
    links: {},
    organizations: "ARRAY[x.organization_id]",
    write: {
      ASSOCIATION_EDITOR: (_access, viewer, params) => `x.organization_id = ${params.add(viewer.organizationId)}`,
    },
  }),
  cache: { CharterSignature: PUBLIC_MUTABLE, CharterSignaturePayload: NO_STORE, "Query.charterSignatures": PUBLIC_MUTABLE },
});
