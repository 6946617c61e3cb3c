import { RnaFileFormat } from "../../schema/enums/rna-enums";

/**
 * The two RNA open-data formats and how their columns are found: by header name, never by position
 * (editions add, drop and reorder columns: some waldec editions add `telephone` and `email`).
 */

/** Every column the import reads, under its name in the files. */
export const COLUMNS = [
  "id", "id_ex", "siret", "date_creat", "date_disso", "groupement", "titre", "titre_court", "objet",
  "objet_social1", "objet_social2",
  // rna_waldec: the head office address in parts
  "adrs_complement", "adrs_numvoie", "adrs_repetition", "adrs_typevoie", "adrs_libvoie", "adrs_distrib",
  "adrs_codeinsee", "adrs_codepostal", "adrs_libcommune",
  // rna_import: the head office address in lines
  "adr1", "adr2", "adr3", "libcom",
  "position", "maj_time",
] as const;

export type ColumnName = (typeof COLUMNS)[number];

/** Index of each column in a record, -1 when the file does not have it. */
export type ColumnIndex = Record<ColumnName, number>;

export interface FileLayout {
  format: RnaFileFormat;
  columns: ColumnIndex;
  /** Number of fields of the header: a record with fewer is rejected. */
  width: number;
}

/** Columns without which a file cannot be imported. */
const REQUIRED: ColumnName[] = ["id", "titre"];

/** Header names as written: a byte-order mark, quotes already removed by the parser, spaces and case folded. */
function normalize(name: string): string {
  return name.replace(/^\uFEFF/, "").trim().toLowerCase();
}

/** Thrown when a header is not one of an RNA file: the file cannot be read, nothing of it is imported. */
export class UnrecognizedHeaderError extends Error {}

/**
 * The format of a file from its header: `rna_waldec` has the address in parts (`adrs_libvoie`),
 * `rna_import` in lines (`adr1`); the file name decides only when the header names neither.
 */
export function detectLayout(header: string[], fileName: string): FileLayout {
  const names = header.map(normalize);
  const columns = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as ColumnIndex;
  let format: RnaFileFormat | null = null;
  if (columns.adrs_libvoie >= 0 || columns.date_disso >= 0) format = RnaFileFormat.WALDEC;
  else if (columns.adr1 >= 0 || columns.libcom >= 0) format = RnaFileFormat.IMPORT;
  else if (/rna_waldec/i.test(fileName)) format = RnaFileFormat.WALDEC;
  else if (/rna_import/i.test(fileName)) format = RnaFileFormat.IMPORT;
  const missing = REQUIRED.filter((c) => columns[c] < 0);
  if (!format || missing.length) {
    const shown = names.slice(0, 8).join(";") + (names.length > 8 ? ";..." : "");
    throw new UnrecognizedHeaderError(
      `${fileName}: not an RNA file (rna_waldec or rna_import)${missing.length ? `: no column ${missing.join(", ")}` : ""}; header: ${shown}`,
    );
  }
  return { format, columns, width: names.length };
}
