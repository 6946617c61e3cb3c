import { toParisIso } from "../../schema/scalars";

/** One value of an exported row, typed as it appears in GeoJSON properties; CSV writes it as text. */
export type Cell = string | number | boolean | null | string[] | number[];

/**
 * A column of an export: its header (also the GeoJSON property name) and how to read it from a record.
 * In CSV every column goes through `csvText`, whatever it holds: there is no column a formula could
 * not reach (a name in a list, a code an import got wrong), so there is no per-column opt-in.
 */
export interface Column<R> {
  header: string;
  value: (record: R) => Cell;
}

/** Separator of several values in one CSV cell (QPV codes, theme labels...). */
export const LIST_SEPARATOR = "|";

/**
 * Text a spreadsheet would run as a formula (OWASP, CSV Injection): starting with `=`, `+`, `-`, `@`,
 * tab, carriage return or line feed; the full-width `＝＋－＠`, which some spreadsheets (Apple Numbers)
 * read as their ASCII forms; NUL (OWASP ASVS 1.2.10); or one of the signs after leading spaces, which
 * some importers trim.
 */
const FORMULA_START = /^(?:[\t\r\n\0]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/**
 * Defuses text for a spreadsheet: every `|`-separated piece that could start a formula gets a leading
 * `'`, so neither the cell nor any piece of it once split on `|` (the list separator) runs as one. The
 * text is otherwise unchanged.
 */
export function defuseText(text: string): string {
  return text
    .split(LIST_SEPARATOR)
    .map((piece) => (FORMULA_START.test(piece) ? `'${piece}` : piece))
    .join(LIST_SEPARATOR);
}

function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : "";
}

/**
 * The text of a cell in CSV: lists joined with `|`, booleans `true`/`false`, numbers with a dot, null
 * empty; all text, whatever its column, defused by `defuseText`. Numbers are written as they are: a
 * number is no formula (`-3.05` is minus three), and the spreadsheet must keep reading it as a number.
 */
export function csvText(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell === "number") return numberText(cell);
  if (Array.isArray(cell)) {
    return (cell as (string | number)[]).map((v) => (typeof v === "number" ? numberText(v) : defuseText(v))).join(LIST_SEPARATOR);
  }
  return defuseText(cell);
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
