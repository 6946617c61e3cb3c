import { Membership } from "../../entities/membership.entity";
import { NO_STORE, PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, relation, writable } from "./concept";

/** Network memberships (alias m); lists leave out those of archived organisations. Consent rules: server/access/membership-consent.ts. */
export const membership = defineConcept({
  name: "membership",
  entity: Membership,
  type: "Membership",
  node: true,
  table: "membership",
  alias: "m",
  key: "id",
  keyType: "integer",
  where: ["m.archived_at IS NULL", "NOT EXISTS (SELECT 1 FROM organization mao WHERE mao.id IN (m.network_id, m.member_id) AND mao.archived_at IS NOT NULL)"],
  orders: { JOINED_ON: { expression: "coalesce(m.joined_on, '-infinity'::date)", type: "date" } },
  relations: {
    networksOfMember: relation.int((k) => `m.member_id = ${k}`),
    membersOfNetwork: relation.int((k) => `m.network_id = ${k}`),
  },
  lookups: {
    network: { property: "networkId", concept: "organization" },
    member: { property: "memberId", concept: "organization" },
  },
  access: PUBLIC,
  record: writable({
    generated: [],
    links: {},
    organizations: "ARRAY[x.network_id, x.member_id]",
    write: {
      // The network's side: invite, record changes (new ones wait for the member's confirmation).
      FEDERATION_MANAGER: (_access, viewer, params) => `x.network_id = ${params.add(viewer.networkId)}`,
      // The member's side: confirm an invitation, record that it left.
      ASSOCIATION_EDITOR: (_access, viewer, params) => `x.member_id = ${params.add(viewer.organizationId)}`,
    },
  }),
  cache: { Membership: PUBLIC_MUTABLE, MembershipPayload: NO_STORE },
});
