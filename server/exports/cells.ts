import { toParisIso } from "../../schema/scalars";

/** One value of an exported row, typed as it appears in GeoJSON properties; CSV writes it as text. */
export type Cell = string | number | boolean | null | string[] | number[];

/** A column of an export: its header (also the GeoJSON property name) and how to read it from a record. */
export interface Column<R> {
  header: string;
  value: (record: R) => Cell;
  /**
   * Free text entered by users (names, addresses, purposes...): in CSV, a value starting with
   * `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe so that a spreadsheet never
   * runs it as a formula (CSV injection). Codes, ids, numbers and dates are never touched.
   */
  text?: boolean;
}

/** Separator of several values in one CSV cell (QPV codes, theme labels...). */
export const LIST_SEPARATOR = "|";

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text of a cell in CSV: lists joined with `|`, booleans `true`/`false`, numbers with a dot, null empty. */
export function csvText(cell: Cell, text = false): string {
  if (cell === null) return "";
  if (Array.isArray(cell)) return cell.join(LIST_SEPARATOR);
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return text && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A calendar date as `YYYY-MM-DD` (the driver gives a string, or a Date at local midnight). */
export function isoDate(value: string | Date | null | undefined): string | null {
  if (value == null) return null;
  if (typeof value === "string") return value;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** An instant as ISO 8601 in Europe/Paris time with its offset, as the graph shows it. */
export function isoInstant(value: Date | null | undefined): string | null {
  return value == null ? null : toParisIso(value);
}

/** A sum of euro amounts, added up in cents so that no rounding error creeps in. */
export function sumEuros(amounts: number[]): number {
  const cents = amounts.reduce((sum, amount) => sum + Math.round(amount * 100), 0);
  return cents / 100;
}
