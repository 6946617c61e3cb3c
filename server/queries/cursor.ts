import { badInput } from "../errors";

/** Position of a row in an ordered list: the order it belongs to, its sort value (as text) and its key. */
export interface CursorPosition {
  order: string;
  sort: string;
  key: string | number;
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.sort, position.key]), "utf8").toString("base64url");
}

/** What a cursor's values must look like to be compared with a column of each SQL type. */
const VALUE_FORMATS: Record<string, RegExp> = {
  integer: /^-?[0-9]{1,10}$/,
  smallint: /^-?[0-9]{1,5}$/,
  date: /^(-infinity|[0-9]{4}-[0-9]{2}-[0-9]{2})$/,
  timestamptz: /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?[+-][0-9]{2}(:[0-9]{2})?$/,
  text: /^[^\u0000]*$/,
};

function fits(value: string | number, type: string): boolean {
  const format = VALUE_FORMATS[type];
  return format !== undefined && format.test(String(value)) && (type !== "integer" || Math.abs(Number(value)) <= 2147483647);
}

/**
 * Decodes a cursor made for `order`, checking its values fit the sort and key columns' types,
 * or throws BAD_USER_INPUT (reason INVALID_CURSOR): a forged cursor never reaches SQL.
 */
export function decodeCursor(cursor: string, order: string, types: { sort: string; key: string }, argument = "after"): CursorPosition {
  const invalid = () => badInput(`"${cursor}" is not a valid cursor for this list and order.`, { argument, reason: "INVALID_CURSOR" });
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [cursorOrder, sort, key] = parsed;
  if (cursorOrder !== order || typeof sort !== "string" || !fits(sort, types.sort)) throw invalid();
  if (!(typeof key === "string" || Number.isInteger(key)) || !fits(key, types.key)) throw invalid();
  return { order, sort, key };
}
