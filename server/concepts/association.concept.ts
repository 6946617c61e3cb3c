import { Association } from "../../entities/association.entity";
import { Organization } from "../../entities/organization.entity";
import { NO_STORE, PERSONAL, PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, writable } from "./concept";
import { ORGANIZATION_GENERATED, ORGANIZATION_ORDERS, ORGANIZATION_SNAPSHOT, ORGANIZATION_TABLE } from "./organization.concept";

/** Associations: organisations of kind ASSOCIATION (lists use the organisation relations, alias o). */
export const association = defineConcept({
  name: "association",
  entity: Association,
  // Loaded by key as organisations (one loader for every organisation reference); node(id) then checks the kind.
  lookupEntity: Organization,
  type: "Association",
  node: true,
  ...ORGANIZATION_TABLE,
  where: ["o.kind = 'ASSOCIATION'", "o.archived_at IS NULL"],
  orders: ORGANIZATION_ORDERS,
  access: PUBLIC,
  reads: { federated: ["membership.leftOn", "membership.confirmed", "membership.archivedAt"] },
  record: writable({
    generated: ORGANIZATION_GENERATED,
    links: ORGANIZATION_SNAPSHOT,
    organizations: "ARRAY[x.id]",
    write: {
      ASSOCIATION_EDITOR: (_access, viewer, params) => `x.id = ${params.add(viewer.organizationId)}`,
    },
  }),
  cache: {
    Association: PUBLIC_MUTABLE, AssociationPayload: NO_STORE,
    "Query.association": PUBLIC_MUTABLE, "Query.associations": PUBLIC_MUTABLE,
    "Association.contacts": PERSONAL,
  },
});
