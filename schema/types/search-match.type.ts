import { Field, Float, ObjectType } from "type-graphql";
import { SearchField, SearchKind } from "./search-kind";

/** One text of a result that matched, and how closely. */
@ObjectType({ description: "A text of a search result that matched the searched text." })
export class SearchMatch {
  @Field(() => SearchField, { description: "Which text matched." })
  field: SearchField;

  @Field(() => Float, {
    description:
      "How close, 0 to 1: the mean closeness of the words found in this text (1 for the word itself, 0.9 for a longer word it begins, 0.9 x the " +
      "trigram similarity of a word it was taken for), or the similarity of the whole searched text with this name if larger; 1 for an identifier " +
      "given exactly.",
  })
  similarity: number;

  @Field(() => [String], { description: "The searched words found in this text, as typed (stop words such as \"de\" or \"l'\" are not looked for)." })
  words: string[];
}

/**
 * A search result as the engine gives it (server/queries/search): the record, an entity of one of the
 * `SearchResult` union's types (resolvers/types/search-result.ts), with its relevance and what matched.
 */
export interface SearchEdgeValue {
  cursor: string;
  node: object;
  kind: SearchKind;
  score: number;
  matches: SearchMatch[];
}
