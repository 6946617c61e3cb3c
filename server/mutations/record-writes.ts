import { mayCreate } from "../access/write-policy";
import { InputChecks } from "../validation/input-checks";
import { decodeId } from "./references";
import { MutationFailure } from "./mutation-failure";
import { LockedRecord, MutationTx } from "./mutation-tx";
import { RecordKind } from "./record-kinds";
import { RecordRef } from "../../schema/mutations/payload";

/**
 * The steps every create and update share, in one place: refuse a role that may never create the
 * kind, refuse invalid input before writing, write the row and its related rows, check the viewer
 * may write the record as it now is, and append the audit entry.
 */
export function requireCreatable(tx: MutationTx, kind: RecordKind, what: string): void {
  if (!mayCreate(tx.access, kind.name)) throw MutationFailure.of("FORBIDDEN", `Your role may not create ${what}.`);
}

export async function saveNew(tx: MutationTx, kind: RecordKind, checks: InputChecks, values: Record<string, unknown>, related: (id: number) => Promise<void>): Promise<RecordRef> {
  if (!checks.ok) throw MutationFailure.invalid(checks.problems);
  const id = await tx.insert(kind.table, values);
  await related(id);
  await tx.requireWritable(kind, id, "You may create this record only within your role and territories.");
  await tx.audit(kind, id, "CREATE", null);
  return { type: kind.nodeTypes[0], id };
}

export async function saveChanges(tx: MutationTx, kind: RecordKind, id: number, locked: LockedRecord, checks: InputChecks, values: Record<string, unknown>, related: () => Promise<void>): Promise<RecordRef> {
  if (!checks.ok) throw MutationFailure.invalid(checks.problems);
  await tx.update(kind.table, id, values);
  await related();
  await tx.requireWritable(kind, id, "After this change the record would be outside your role or territories.");
  await tx.audit(kind, id, "UPDATE", locked.snapshot);
  return { type: kind.nodeTypes[0], id };
}

/** Decodes an update's id and locks the record at the version the client read. */
export async function lockForUpdate(tx: MutationTx, kind: RecordKind, input: { id: string; version: number }): Promise<{ id: number; locked: LockedRecord }> {
  const checks = new InputChecks();
  const id = decodeId(checks, ["id"], input.id, kind.nodeTypes);
  if (id === null) throw MutationFailure.invalid(checks.problems);
  return { id, locked: await tx.lock(kind, id, input.version) };
}

/** Fields an update may change but not clear. */
export function refuseCleared(checks: InputChecks, values: Record<string, unknown>, fields: Record<string, string>): void {
  for (const [field, column] of Object.entries(fields)) if (values[column] === null) checks.fail([field], "cannot be cleared.");
}
