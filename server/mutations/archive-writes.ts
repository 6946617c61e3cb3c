import { ArchiveInput } from "../../schema/mutations/common-inputs";
import { fromGlobalId } from "../../schema/global-id";
import { InputChecks } from "../validation/input-checks";
import { MutationFailure } from "./mutation-failure";
import { MutationTx } from "./mutation-tx";
import { kindOfNodeType } from "./record-kinds";
import { RecordRef } from "./run-mutation";

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
  if (decoded && !kind) checks.fail(["id"], `a ${decoded.type} cannot be archived.`);
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
  await tx.setArchived(kind.table, id, archived);
  await tx.audit(kind, id, archived ? "ARCHIVE" : "RESTORE", snapshot);
  return { type: decoded.type, id };
}
