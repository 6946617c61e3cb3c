import { Organization } from "../../entities/organization.entity";
import { Partner } from "../../entities/partner.entity";
import { NO_STORE, PERSONAL, PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, snapshotList, writable } from "./concept";
import { ORGANIZATION_GENERATED, ORGANIZATION_ORDERS, ORGANIZATION_SNAPSHOT, ORGANIZATION_TABLE } from "./organization.concept";

/** Institutional partners: organisations of kind PARTNER (lists use the organisation relations, alias o). */
export const partner = defineConcept({
  name: "partner",
  entity: Partner,
  lookupEntity: Organization,
  type: "Partner",
  node: true,
  ...ORGANIZATION_TABLE,
  where: ["o.kind = 'PARTNER'", "o.archived_at IS NULL"],
  orders: ORGANIZATION_ORDERS,
  access: PUBLIC,
  record: writable({
    generated: ORGANIZATION_GENERATED,
    links: {
      ...ORGANIZATION_SNAPSHOT,
      coverage: snapshotList(`SELECT region_code, department_code, epci_siren, commune_insee_code FROM partner_coverage
        WHERE partner_id = x.id ORDER BY id`),
    },
    organizations: "ARRAY[x.id]",
    write: {
      POLICY_OFFICER: (access, _viewer, params) => access.organization("x", params),
    },
  }),
  cache: {
    Partner: PUBLIC_MUTABLE, PartnerPayload: NO_STORE,
    "Query.partner": PUBLIC_MUTABLE, "Query.partners": PUBLIC_MUTABLE,
    "Partner.contacts": PERSONAL,
  },
});
