import { SqlParams } from "../database/sql-params";
import { CONCEPT_OF_KIND, WritableKind } from "../mutations/record-kinds";
import { RowAccess } from "./row-access";

/**
 * Who may write what, as a SQL predicate over the record (alias `x`), evaluated inside the mutation's
 * transaction on the record as it is before the change and as it would be after it. Admins write
 * everything, anonymous users nothing; the other roles what each concept's descriptor says in its
 * `record.write` (server/concepts):
 * - POLICY_OFFICER: partners, projects (with participants and fundings) and events of its territories;
 * - FEDERATION_MANAGER: the memberships of its network (new ones wait for the member's confirmation);
 * - ASSOCIATION_EDITOR: its association, the events it organises, its charter signature, and its own
 *   memberships (confirming an invitation, leaving).
 * Good practices and the advocacy paper's proposals are written by admins only.
 * Which party of a membership may change which of its fields in which state is membership-consent.ts;
 * who may restore what an admin archived, archive-writes.ts.
 */
export function writePredicate(access: RowAccess, kind: WritableKind, params: SqlParams): string {
  const v = access.viewer;
  if (v.role === "ADMIN") return "true";
  if (v.role === "ANONYMOUS") return "false";
  const rule = CONCEPT_OF_KIND[kind].record.write[v.role] as ((a: RowAccess, viewer: typeof v, p: SqlParams) => string) | undefined;
  return rule ? rule(access, v, params) : "false";
}

/** Whether a role may create records of a kind at all (where, is checked on the new record). */
export function mayCreate(access: RowAccess, kind: WritableKind): boolean {
  return writePredicate(access, kind, new SqlParams()) !== "false";
}
