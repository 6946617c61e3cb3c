import { ArchiveInput } from "../../schema/mutations/common-inputs";
import { fromGlobalId } from "../../schema/global-id";
import { InputChecks } from "../validation/input-checks";
import { archiveTransition, MembershipRow, partyOf } from "../access/membership-consent";
import { MutationFailure } from "./mutation-failure";
import { MutationTx } from "./mutation-tx";
import { kindOfNodeType } from "./record-kinds";
import { RecordRef } from "../../schema/mutations/payload";

/**
 * Archives (soft-deletes) or restores any archivable record: one rule for all of them. An archived
 * record leaves every list and figure, keeps its relations, and comes back as it was when restored.
 */
export async function setArchived(tx: MutationTx, input: ArchiveInput, archived: boolean): Promise<RecordRef> {
  const checks = new InputChecks();
  let decoded: ReturnType<typeof fromGlobalId> | null = null;
  try {
    decoded = fromGlobalId(input.id);
  } catch {
    checks.fail(["id"], `"${input.id}" is not a valid id.`);
  }
  const kind = decoded && kindOfNodeType(decoded.type);
  if (decoded && (!kind || kind.archivable === false)) checks.fail(["id"], `a ${decoded.type} cannot be archived.`);
  if (!decoded || !kind || !checks.ok) throw MutationFailure.invalid(checks.problems);
  if (kind.name === "association" && tx.viewer.role !== "ADMIN") {
    // An association's editors change its record; taking it out of the graph is an admin's decision.
    throw MutationFailure.of("FORBIDDEN", "Only admins archive or restore associations.", ["input", "id"]);
  }
  const id = decoded.key as number;
  const { row, snapshot } = await tx.lock(kind, id, input.version);
  if ((row.archived_at !== null) === archived) {
    throw MutationFailure.of("INVALID_INPUT", archived ? "The record is already archived." : "The record is not archived.", ["input", "id"]);
  }
  // A membership binds two parties: who archived it decides who may restore it (server/access/membership-consent.ts).
  const membership = kind.name === "membership" ? (row as unknown as MembershipRow) : null;
  const values = membership ? archiveTransition(partyOf(tx.viewer, membership), membership, archived) : {};
  if (!archived && !membership && tx.viewer.role !== "ADMIN" && (await archivedByAdmin(tx, decoded.type, id))) {
    // An admin's archiving is a moderation decision: those who may edit the record do not undo it.
    throw MutationFailure.of("FORBIDDEN", "An admin archived this record: only an admin restores it.", ["input", "id"]);
  }
  await tx.setArchived(kind.table, id, archived, values);
  await tx.audit(kind, id, archived ? "ARCHIVE" : "RESTORE", snapshot);
  return { type: decoded.type, id };
}

/** Whether the record's latest archiving was an admin's (the audit trail, written in the same transaction as every archiving, says who). */
async function archivedByAdmin(tx: MutationTx, type: string, id: number): Promise<boolean> {
  const [last] = await tx.query<{ actor_role: string }>(
    `SELECT actor_role FROM audit_entry WHERE record_type = $1 AND record_id = $2 AND action = 'ARCHIVE' ORDER BY id DESC LIMIT 1`, [type, id]);
  return last?.actor_role === "ADMIN";
}
