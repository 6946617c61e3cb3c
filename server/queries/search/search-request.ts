import { createHash } from "node:crypto";
import { SEARCH_TEXT_LENGTH, SearchArgs } from "../../../schema/inputs/search-args";
import { checkPageSize } from "../../../schema/page-args";
import { SearchKind } from "../../../schema/types/search-kind";
import { badInput } from "../../../schema/input-errors";
import { RequestLoaders } from "../../loaders/request-loaders";
import { TerritoryCriteria, territoryCriteria } from "../filters/territory-conditions";
import { decodeSearchCursor, SearchPosition } from "./search-cursor";
import { SEARCH_SOURCES, SearchSource } from "./search-sources";

/** At most this many words of the text must each be found; further words only count through the whole-text similarity. */
export const MAX_SEARCH_WORDS = 6;

/**
 * Words that need not be found: French articles, prepositions, pronouns and forms of "être" and "avoir"
 * ("ligue enseignement" finds "Ligue de l'enseignement"), that is the accent-free words of PostgreSQL's French
 * stop list, which `maillage_fr` drops from documents (so such a word could never be found). They still count
 * in the whole-text similarity, so an exact name still ranks first.
 */
const STOP_WORDS = new Set(
  (
    "a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions aurons auront aux avaient avais avait " +
    "avec avez aviez avions avons ayant ayante ayantes ayants ayez ayons c ce ces chez d dans de des du elle en es est et eu eue eues " +
    "eurent eus eusse eussent eusses eussiez eussions eut eux fus fusse fussent fusses fussiez fussions fut il j je l la le les leur lui " +
    "m ma mais me mes moi mon n ne nos notre nous on ont ou par pas pour qu que qui s sa se sera serai seraient serais serait seras serez " +
    "seriez serions serons seront ses soient sois soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un une vos votre vous y"
  ).split(" "),
);

/** A search once checked: what to match, where, which page. */
export interface SearchRequest {
  /** The text, trimmed (folded in SQL, by the same `search_fold` as the indexes). */
  text: string;
  /** Its significant words, each to be found in some text of a result. */
  words: string[];
  /** Whether the text has a letter or a digit: one without ("?!", "--") finds nothing and is not sent to the database. */
  searchable: boolean;
  /** The text as an identifier (QPV code, INSEE code, RNA, SIREN, SIRET), if it looks like one. */
  code: string | null;
  sources: SearchSource[];
  territory: TerritoryCriteria;
  first: number;
  after: SearchPosition | null;
  /** Identifies the search (text, kinds, filter) for its cursors. */
  signature: string;
}

/** A rough fold, only to recognise stop words and duplicates; matching folds in SQL. */
const plain = (word: string) => word.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();

/**
 * The significant words of a text: split on anything but letters and digits, stop words and single
 * letters left out, duplicates once, the first MAX_SEARCH_WORDS of them. A text without any ("de la") finds
 * the names and titles that are that text (server/queries/search/search-statement.ts, `candidates`).
 */
export function searchWords(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => plain(w).length >= 2 && !STOP_WORDS.has(plain(w)) && !seen.has(plain(w)) && seen.add(plain(w)))
    .slice(0, MAX_SEARCH_WORDS);
}

/** Checks the arguments of `search`, in the order they are declared. */
export async function searchRequest(loaders: RequestLoaders, args: SearchArgs): Promise<SearchRequest> {
  const text = args.text.trim();
  const length = [...text].length;
  if (length < SEARCH_TEXT_LENGTH.min || length > SEARCH_TEXT_LENGTH.max) {
    throw badInput(`"text" must be ${SEARCH_TEXT_LENGTH.min} to ${SEARCH_TEXT_LENGTH.max} characters once trimmed, got ${length}.`, {
      argument: "text", reason: "OUT_OF_RANGE",
    });
  }
  const first = checkPageSize(args.first);
  const kinds = new Set(args.kinds ?? Object.values(SearchKind));
  const sources = SEARCH_SOURCES.filter((source) => kinds.has(source.kind));
  const territory = await territoryCriteria(loaders, args.filter);
  const signature = createHash("sha256")
    .update(JSON.stringify([text, sources.map((s) => s.kind), territory]))
    .digest("base64url")
    .slice(0, 16);
  const after = args.after == null ? null : decodeSearchCursor(args.after, signature);
  const compact = text.replace(/[\s.]+/g, "").toUpperCase();
  const code = /^[0-9A-Z]{5,14}$/.test(compact) && /[0-9]/.test(compact) ? compact : null;
  return { text, words: searchWords(text), searchable: /[\p{L}\p{N}]/u.test(text), code, sources, territory, first, after, signature };
}
