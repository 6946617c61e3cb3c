import { registerEnumType } from "type-graphql";

// Enumerations of the RNA register and its files.
// The model's columns hold these values (entities/); filters, inputs and figures speak them too.

/** Status of an association in the RNA register (its `position` column). */
export enum RegistryStatus {
  ACTIVE = "ACTIVE",
  DISSOLVED = "DISSOLVED",
  DELETED = "DELETED",
  TAKEN_OVER = "TAKEN_OVER",
}
registerEnumType(RegistryStatus, {
  name: "RegistryStatus",
  description: "Status of an association in the RNA register (its `position`).",
  valuesConfig: {
    ACTIVE: { description: "Active (position A)." },
    DISSOLVED: { description: "Dissolved (position D); the date, when the register gives it, is `Association.dissolvedOn`." },
    DELETED: { description: "Deleted from the register (position S)." },
    TAKEN_OVER: { description: "Taken over (position R)." },
  },
});

/** Which RNA open-data file format a record came from. */
export enum RnaFileFormat {
  WALDEC = "WALDEC",
  IMPORT = "IMPORT",
}
registerEnumType(RnaFileFormat, {
  name: "RnaFileFormat",
  description: "Format of an RNA open-data file.",
  valuesConfig: {
    WALDEC: { description: "`rna_waldec`: associations created or changed since 2009." },
    IMPORT: { description: "`rna_import`: older associations, unchanged since 2009." },
  },
});
