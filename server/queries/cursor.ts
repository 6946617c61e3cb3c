import { badInput } from "../errors";

/** Position of a row in an ordered list: the list and order it belongs to, its sort value (as text) and its key. */
export interface CursorPosition {
  list: string;
  order: string;
  sort: string;
  key: string | number;
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.list, position.order, position.sort, position.key]), "utf8").toString("base64url");
}

const INT_RANGE = { integer: 2147483647, smallint: 32767 } as const;

/** Whether y-m-d is a real calendar day PostgreSQL accepts. */
function realDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && year <= 9999 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether a cursor value can be compared with a column of this SQL type without a database error. */
function fits(value: string | number, type: string): boolean {
  const text = String(value);
  if (type === "integer" || type === "smallint") {
    return /^-?[0-9]{1,10}$/.test(text) && Math.abs(Number(text)) <= INT_RANGE[type];
  }
  if (type === "date") {
    const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
    return text === "-infinity" || (m !== null && realDay(+m[1], +m[2], +m[3]));
  }
  if (type === "timestamptz") {
    // As PostgreSQL prints it (DateStyle ISO): 2026-03-12 17:30:00.123456+00
    const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,6})?[+-]([0-9]{2})(:[0-9]{2})?$/.exec(text);
    return m !== null && realDay(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 60 && +m[8] < 16;
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
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid();
  const [list, order, sort, key] = parsed;
  if (list !== expected.list || order !== expected.order) throw invalid();
  if (typeof sort !== "string" || !fits(sort, expected.sortType)) throw invalid();
  if (!(typeof key === "string" || Number.isInteger(key)) || !fits(key, expected.keyType)) throw invalid();
  return { list, order, sort, key };
}
