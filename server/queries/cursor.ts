import { badInput } from "../../schema/input-errors";
import { CURSOR_MAX_LENGTH } from "../../schema/page-args";
import { isDayText, isRealDay } from "../../schema/validation/calendar";

/** Position of a row in an ordered list: the list and order it belongs to, its sort value (as text) and its key. */
export interface CursorPosition {
  list: string;
  order: string;
  sort: string;
  key: string | number;
}

/** Packs values into an opaque, URL-safe cursor. */
export function packCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** Unpacks a cursor made by `packCursor` into exactly `length` values; null for anything else. */
export function unpackCursor(cursor: string, length: number, maxLength = CURSOR_MAX_LENGTH): unknown[] | null {
  if (!new RegExp(`^[A-Za-z0-9_-]{1,${maxLength}}$`).test(cursor)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(parsed) && parsed.length === length ? parsed : null;
  } catch {
    return null;
  }
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return packCursor([position.list, position.order, position.sort, position.key]);
}

const INT_RANGE = { integer: 2147483647, smallint: 32767 } as const;

/** Whether a cursor value can be compared with a column of this SQL type without a database error. */
function fits(value: string | number, type: string): boolean {
  const text = String(value);
  if (type === "integer" || type === "smallint") {
    return /^-?[0-9]{1,10}$/.test(text) && Math.abs(Number(text)) <= INT_RANGE[type];
  }
  if (type === "date") return text === "-infinity" || isDayText(text);
  if (type === "timestamptz") {
    // As PostgreSQL prints it (DateStyle ISO): 2026-03-12 17:30:00.123456+00
    const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,6})?[+-]([0-9]{2})(:[0-9]{2})?$/.exec(text);
    return m !== null && isRealDay(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 60 && +m[8] < 16;
  }
  if (type === "double precision") {
    // As JavaScript prints a float8 read back from PostgreSQL: "1234.5678", "0", "1.5e-7".
    return /^[0-9]{1,15}(\.[0-9]{1,20})?(e-[0-9]{1,3})?$/.test(text);
  }
  return type === "text" && !text.includes("\u0000");
}

/**
 * Decodes a cursor made for this list and order, checking its values fit the sort and key columns'
 * types, or throws BAD_USER_INPUT (reason INVALID_CURSOR): a forged or foreign cursor never reaches SQL.
 */
export function decodeCursor(
  cursor: string,
  expected: { list: string; order: string; sortType: string; keyType: string },
  argument = "after",
): CursorPosition {
  const invalid = () => badInput(`"${cursor}" is not a valid cursor for this list and order.`, { argument, reason: "INVALID_CURSOR" });
  const values = unpackCursor(cursor, 4);
  if (!values) throw invalid();
  const [list, order, sort, key] = values;
  if (list !== expected.list || order !== expected.order) throw invalid();
  if (typeof sort !== "string" || !fits(sort, expected.sortType)) throw invalid();
  if (!(typeof key === "string" || (typeof key === "number" && Number.isInteger(key))) || !fits(key, expected.keyType)) throw invalid();
  return { list: expected.list, order: expected.order, sort, key };
}
