import { CooperationLink } from "../../entities/cooperation-link.view";
import { PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, relation } from "./concept";

/**
 * Cooperation links, seen from one organisation (alias cl): the `cooperation_link` view over projects,
 * events, fundings and memberships, which leaves drafts and archived records out itself.
 */
export const cooperationLink = defineConcept({
  name: "cooperationLink",
  entity: CooperationLink,
  type: "CooperationLink",
  table: "cooperation_link",
  alias: "cl",
  key: "partner_id",
  keyType: "integer",
  orders: {
    WEIGHT: { expression: "cl.weight", type: "integer" },
    LAST_ACTIVITY: { expression: "cl.last_activity_on", type: "date" },
  },
  relations: {
    linksOfOrganization: relation.int((k) => `cl.organization_id = ${k}`),
  },
  lookups: {
    organization: { property: "organizationId", concept: "organization" },
    partner: { property: "partnerId", concept: "organization" },
  },
  access: PUBLIC,
  cache: { CooperationLink: PUBLIC_MUTABLE },
});
