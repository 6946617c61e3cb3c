import { SqlParams } from "../database/sql-params";
import { WritableKind } from "../mutations/record-kinds";
import { RowAccess } from "./row-access";

/**
 * Who may write what, as a SQL predicate over the record (alias `x`), evaluated inside the mutation's
 * transaction on the record as it is before the change and as it would be after it:
 * - ADMIN: everything;
 * - POLICY_OFFICER: partners, projects (with participants and fundings) and events of its territories;
 * - FEDERATION_MANAGER: the memberships of its network (new ones wait for the member's confirmation);
 * - ASSOCIATION_EDITOR: its association, the events it organises, its charter signature, and its own
 *   memberships (confirming an invitation, leaving).
 * Good practices and the advocacy paper's proposals are written by admins only.
 * Anonymous users write nothing. Which party of a membership may change which of its fields in which
 * state is membership-consent.ts; who may restore what an admin archived, archive-writes.ts.
 */
export function writePredicate(access: RowAccess, kind: WritableKind, params: SqlParams): string {
  const v = access.viewer;
  if (v.role === "ADMIN") return "true";
  switch (kind) {
    case "association":
      return v.role === "ASSOCIATION_EDITOR" ? `x.id = ${params.add(v.organizationId)}` : "false";
    case "partner":
      return v.role === "POLICY_OFFICER" ? access.organization("x", params) : "false";
    case "membership":
      if (v.role === "FEDERATION_MANAGER") return `x.network_id = ${params.add(v.networkId)}`;
      // The member's side: confirm an invitation, record that it left.
      return v.role === "ASSOCIATION_EDITOR" ? `x.member_id = ${params.add(v.organizationId)}` : "false";
    case "project":
      return v.role === "POLICY_OFFICER" ? access.project("x", params) : "false";
    case "event":
      return v.role === "POLICY_OFFICER" || v.role === "ASSOCIATION_EDITOR" ? access.event("x", params) : "false";
    case "charterSignature":
      return v.role === "ASSOCIATION_EDITOR" ? `x.organization_id = ${params.add(v.organizationId)}` : "false";
    case "goodPractice":
    case "proposal":
      return "false";
  }
}

/** Whether a role may create records of a kind at all (where, is checked on the new record). */
export function mayCreate(access: RowAccess, kind: WritableKind): boolean {
  return writePredicate(access, kind, new SqlParams()) !== "false";
}
