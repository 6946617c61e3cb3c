import { badInput } from "../../errors";

/** Where a result sits in a search's order (score descending, then name, kind and key), and which search it belongs to. */
export interface SearchPosition {
  /** Hash of the search (text, kinds, filter): a cursor only pages the search that made it. */
  signature: string;
  /** Score as PostgreSQL prints it (numeric, 4 decimals), compared exactly. */
  score: string;
  sort: string;
  rank: number;
  key: string;
}

const LIST = "search";

/** Encodes a position as an opaque cursor. */
export function encodeSearchCursor(position: SearchPosition): string {
  const { signature, score, sort, rank, key } = position;
  return Buffer.from(JSON.stringify([LIST, signature, score, sort, rank, key]), "utf8").toString("base64url");
}

const text = (value: unknown, max: number): value is string => typeof value === "string" && value.length <= max && !value.includes("\u0000");

/**
 * Decodes a cursor of this very search, or throws BAD_USER_INPUT (reason INVALID_CURSOR): a cursor of another
 * list, of another search, or with values that do not fit their columns never reaches SQL.
 */
export function decodeSearchCursor(cursor: string, signature: string, argument = "after"): SearchPosition {
  const invalid = () => badInput(`"${cursor.slice(0, 100)}" is not a cursor of this search.`, { argument, reason: "INVALID_CURSOR" });
  if (!/^[A-Za-z0-9_-]{1,3000}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 6) throw invalid();
  const [list, sig, score, sort, rank, key] = parsed;
  if (list !== LIST || sig !== signature) throw invalid();
  if (typeof score !== "string" || !/^[0-9]{1,2}(\.[0-9]{1,4})?$/.test(score)) throw invalid();
  if (!text(sort, 1000) || !text(key, 20) || !Number.isInteger(rank) || rank < 1 || rank > 100) throw invalid();
  return { signature, score, sort, rank, key };
}
