import { AuditEntry } from "../../entities/audit-entry.entity";
import { PERSONAL } from "../cache-control/cache-hints";
import { defineConcept, guardedBy } from "./concept";

/** The append-only audit trail (alias ae): admins read all of it, editors what concerns their organisation (RowAccess.auditTrail). */
export const auditEntry = defineConcept({
  name: "auditEntry",
  entity: AuditEntry,
  type: "AuditEntry",
  table: "audit_entry",
  alias: "ae",
  key: "id",
  keyType: "integer",
  orders: { ID: { expression: "ae.id", type: "integer" } },
  // Getters of the entity.
  reads: { recordNodeId: ["recordType", "recordId"], changedFields: ["before", "after"] },
  access: guardedBy("auditTrail"),
  cache: { AuditEntry: PERSONAL, "Query.auditEntries": PERSONAL },
});
