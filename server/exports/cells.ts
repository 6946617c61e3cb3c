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

/**
 * How a CSV form writes what is not text. The data form (for programs) writes numbers with a dot,
 * booleans `true`/`false` and lists joined with `|`; the spreadsheet form (for people, in French)
 * numbers with a decimal comma, booleans `Oui`/`Non` and lists joined with ` | `. Text is defused the
 * same way in both.
 */
export interface CsvStyle {
  decimalMark: "." | ",";
  booleans: readonly [string, string];
  listSeparator: string;
}
export const DATA_STYLE: CsvStyle = { decimalMark: ".", booleans: ["true", "false"], listSeparator: LIST_SEPARATOR };
export const SPREADSHEET_STYLE: CsvStyle = { decimalMark: ",", booleans: ["Oui", "Non"], listSeparator: ` ${LIST_SEPARATOR} ` };

function numberText(value: number, style: CsvStyle): string {
  if (!Number.isFinite(value)) return "";
  const text = String(value);
  return style.decimalMark === "." ? text : text.replace(".", style.decimalMark);
}

/**
 * The text of a cell in CSV: lists joined with the style's separator, booleans and numbers as the
 * style says, null empty; all text, whatever its column and its form, defused by `defuseText` (each
 * item of a list on its own). Numbers are written as they are: a number is no formula (`-3.05` is
 * minus three), and the spreadsheet must keep reading it as a number.
 */
export function csvText(cell: Cell, style: CsvStyle = DATA_STYLE): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? style.booleans[0] : style.booleans[1];
  if (typeof cell === "number") return numberText(cell, style);
  if (Array.isArray(cell)) {
    return (cell as (string | number)[]).map((v) => (typeof v === "number" ? numberText(v, style) : defuseText(v))).join(style.listSeparator);
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

/** A calendar date as French people write it, `JJ/MM/AAAA` (what French spreadsheets read as a date). */
export function frenchDate(value: string | Date | null | undefined): string | null {
  const iso = isoDate(value);
  return iso === null ? null : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** An instant in Europe/Paris time as `JJ/MM/AAAA HH:MM` (the offset is that of Paris on that day). */
export function frenchInstant(value: Date | null | undefined): string | null {
  if (value == null) return null;
  const iso = toParisIso(value);
  return `${frenchDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** A sum of euro amounts, added up in cents so that no rounding error creeps in. */
export function sumEuros(amounts: number[]): number {
  const cents = amounts.reduce((sum, amount) => sum + Math.round(amount * 100), 0);
  return cents / 100;
}
