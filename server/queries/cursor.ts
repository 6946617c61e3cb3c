import { badInput } from "../errors";

/** Position of a row in an ordered list: the order it belongs to, its sort value (as text) and its key. */
export interface CursorPosition {
  order: string;
  sort: string | null;
  key: string | number;
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.sort, position.key]), "utf8").toString("base64url");
}

/** Decodes a cursor made for `order`, or throws BAD_USER_INPUT (reason INVALID_CURSOR). */
export function decodeCursor(cursor: string, order: string, argument = "after"): CursorPosition {
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
  if (cursorOrder !== order || (sort !== null && typeof sort !== "string") || !(typeof key === "string" || Number.isInteger(key))) {
    throw invalid();
  }
  return { order, sort, key };
}
