import { SEARCH_CURSOR_MAX_LENGTH } from "../../../schema/inputs/search-args";
import { badInput } from "../../../schema/input-errors";
import { packCursor, unpackCursor } from "../cursor";

/** Where a result sits in a search's order (score descending, prior descending, then name, kind and key), and which search it belongs to. */
export interface SearchPosition {
  /** Hash of the search (text, kinds, filter): a cursor only pages the search that made it. */
  signature: string;
  /** Score as PostgreSQL prints it (numeric, 4 decimals), compared exactly. */
  score: string;
  /** Popularity prior (numeric, 4 decimals), the first tie-break. */
  prior: string;
  sort: string;
  rank: number;
  key: string;
}

const LIST = "search";

/** Encodes a position as an opaque cursor. */
export function encodeSearchCursor(position: SearchPosition): string {
  const { signature, score, prior, sort, rank, key } = position;
  return packCursor([LIST, signature, score, prior, sort, rank, key]);
}

const text = (value: unknown, max: number): value is string => typeof value === "string" && value.length <= max && !value.includes("\u0000");

/**
 * Decodes a cursor of this very search, or throws BAD_USER_INPUT (reason INVALID_CURSOR): a cursor of another
 * list, of another search, or with values that do not fit their columns never reaches SQL.
 */
export function decodeSearchCursor(cursor: string, signature: string, argument = "after"): SearchPosition {
  const invalid = () => badInput(`"${cursor.slice(0, 100)}" is not a cursor of this search.`, { argument, reason: "INVALID_CURSOR" });
  const values = unpackCursor(cursor, 7, SEARCH_CURSOR_MAX_LENGTH);
  if (!values) throw invalid();
  const [list, sig, score, prior, sort, rank, key] = values;
  if (list !== LIST || sig !== signature) throw invalid();
  for (const value of [score, prior]) if (typeof value !== "string" || !/^[0-9]{1,2}(\.[0-9]{1,4})?$/.test(value)) throw invalid();
  if (!text(sort, 1000) || !text(key, 20) || typeof rank !== "number" || !Number.isInteger(rank) || rank < 1 || rank > 100) throw invalid();
  return { signature, score: score as string, prior: prior as string, sort, rank, key };
}
