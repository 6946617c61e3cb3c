import { registerEnumType } from "type-graphql";

// Enumerations of the audit trail.
// The model's columns hold these values (entities/); filters, inputs and figures speak them too.

export enum AuditAction {
  CREATE = "CREATE",
  UPDATE = "UPDATE",
  ARCHIVE = "ARCHIVE",
  RESTORE = "RESTORE",
}
registerEnumType(AuditAction, {
  name: "AuditAction",
  description: "What a change did.",
  valuesConfig: {
    CREATE: { description: "Created the record." },
    UPDATE: { description: "Changed the record." },
    ARCHIVE: { description: "Archived the record." },
    RESTORE: { description: "Restored the archived record." },
  },
});
