import { ArgsType, Field, Int } from "type-graphql";
import { SearchKind } from "../types/search-kind";
import { MAX_PAGE_SIZE } from "../page-args";
import { SearchFilter } from "./search-filter";
import { MaxLength } from "../string-arguments";

/** Shortest and longest searched text, after trimming. */
export const SEARCH_TEXT_LENGTH = { min: 2, max: 200 } as const;

/** Longest cursor of a search (it holds the search's signature): `after` declares it, server/queries/search/search-cursor.ts refuses longer ones. */
export const SEARCH_CURSOR_MAX_LENGTH = 3000;

/** Arguments of `search`. */
@ArgsType()
export class SearchArgs {
  @Field({
    description:
      `What to look for, ${SEARCH_TEXT_LENGTH.min} to ${SEARCH_TEXT_LENGTH.max} characters once trimmed. Accents, case and punctuation are ignored ` +
      "and a typo per word tolerated. Every significant word (not \"de\", \"la\", \"l'\"...) must be found in some searched text of a record " +
      "(French full text: \"jardin\" finds \"jardins\"); a word no record has is taken as the beginning of longer words and replaced by the " +
      "nearest words of the records, as is the last word (still being typed); a text of stop words only (\"de la\", \"le\") finds only the " +
      "names and titles that are that text, and the records of a commune of that name (\"eu\": the commune Eu), most often nothing (ask for a " +
      "significant word); a text without a letter or digit finds nothing; an identifier (QPV code, INSEE code, RNA, SIREN, SIRET) given " +
      "exactly finds its record.",
  })
  text: string;

  @Field(() => Int, { description: `Number of results to return, 1 to ${MAX_PAGE_SIZE}.` })
  first: number;

  @Field(() => String, { nullable: true, description: "Cursor after which to start: an `endCursor` or edge `cursor` of the same search (same text, kinds and filter)." })
  @MaxLength(SEARCH_CURSOR_MAX_LENGTH)
  after?: string | null;

  @Field(() => [SearchKind], { nullable: true, description: "Kinds of records to search (default: all)." })
  kinds?: SearchKind[] | null;

  @Field(() => SearchFilter, { nullable: true, description: "Territory the results must be in." })
  filter?: SearchFilter | null;
}
