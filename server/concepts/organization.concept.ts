import { Organization } from "../../entities/organization.entity";
import { PERSONAL, PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { COVERAGE_INCLUDES_COMMUNE } from "../queries/coverage";
import { STATED_PRESENCE } from "../queries/qpv-presence";
import { byCreation, byName, defineConcept, PUBLIC, relation, snapshotList } from "./concept";

/** Associations and partners share the organisation table (single-table inheritance on `kind`): its facts, for the three concepts. */
export const ORGANIZATION_TABLE = { table: "organization", alias: "o", key: "id", keyType: "integer" } as const;
export const ORGANIZATION_ORDERS = { ...byName("o"), ...byCreation("o") };

/** What an association's or a partner's audit snapshot holds besides its row. */
export const ORGANIZATION_SNAPSHOT = {
  themes: snapshotList("SELECT theme_code AS code FROM organization_theme WHERE organization_id = x.id ORDER BY theme_code"),
  qpvs: snapshotList("SELECT qpv_code AS code, presence FROM organization_qpv WHERE organization_id = x.id ORDER BY qpv_code"),
  // Contact people are personal data: the append-only trail records how many, never who.
  contactCount: "(SELECT count(*) FROM organization_contact WHERE organization_id = x.id)",
};
export const ORGANIZATION_GENERATED = ["name_sort", "employer_size"];

/** Any organisation, association or partner (the `Organization` interface); the relations of every organisation list (alias o). */
export const organization = defineConcept({
  name: "organization",
  entity: Organization,
  type: "Organization",
  ...ORGANIZATION_TABLE,
  where: ["o.archived_at IS NULL"],
  orders: ORGANIZATION_ORDERS,
  relations: {
    organizationsInQpv: relation.text((k) => `o.id IN (SELECT organization_id FROM organization_qpv WHERE qpv_code = ${k} AND ${STATED_PRESENCE})`),
    organizationsInCommune: relation.text((k) => `o.commune_insee_code = ${k}`),
    organizersOfEvent: relation.int((k) => `o.id IN (SELECT organization_id FROM event_organizer WHERE event_id = ${k})`),
    signatoriesOfContrat: relation.int((k) => `o.id IN (SELECT organization_id FROM contrat_de_ville_signatory WHERE contrat_de_ville_id = ${k})`),
    partnersCoveringCommune: relation.text((k) => `o.id IN (SELECT pc.partner_id FROM partner_coverage pc, commune cc
    JOIN department cd ON cd.code = cc.department_code WHERE cc.insee_code = ${k} AND ${COVERAGE_INCLUDES_COMMUNE})`),
    organizationsWithTheme: relation.text((k) => `o.id IN (SELECT organization_id FROM organization_theme
    WHERE theme_code IN (SELECT code FROM theme WHERE code = ${k} OR parent_code = ${k}))`),
    organizationsOfGoodPractice: relation.int((k) => `o.id IN (SELECT organization_id FROM good_practice_organization WHERE good_practice_id = ${k})`),
  },
  // Organisations are never hidden; their contact people are, by their own resolver (server/queries/organization-contacts.ts).
  lookups: {
    commune: { property: "communeInseeCode", concept: "commune" },
  },
  // A getter of the entity, over coordinates no field shows (always read).
  reads: { location: [] },
  access: PUBLIC,
  cache: {
    Organization: PUBLIC_MUTABLE,
    "Query.organizations": PUBLIC_MUTABLE, "Query.organizationsNear": PUBLIC_MUTABLE,
    "Organization.contacts": PERSONAL,
  },
});

