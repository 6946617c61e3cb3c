import { createUnionType, Field, Float, Int, ObjectType } from "type-graphql";
import { Association } from "../../entities/association.entity";
import { Commune } from "../../entities/commune.entity";
import { GoodPractice } from "../../entities/good-practice.entity";
import { ParticipationEvent } from "../../entities/participation-event.entity";
import { Partner } from "../../entities/partner.entity";
import { CooperationProject } from "../../entities/project.entity";
import { Qpv } from "../../entities/qpv.entity";
import { PageInfo } from "../../schema/page-info.type";
import { SearchKind } from "../../schema/types/search-kind";
import { SearchEdgeValue, SearchMatch } from "../../schema/types/search-match.type";

/**
 * What `search` returns: a union rather than the `Node` interface, so the schema says exactly which
 * types can come back (one per `SearchKind`) and typed clients can switch over them exhaustively;
 * `... on Node { id }` and `... on Organization { name }` still work inside it.
 */
export const SearchResult = createUnionType({
  name: "SearchResult",
  description:
    "A record found by `search`: an association, a partner, a cooperation project, a participation event, a good practice, a QPV or a commune. " +
    "Every member implements `Node`.",
  types: () => [Association, Partner, CooperationProject, ParticipationEvent, GoodPractice, Qpv, Commune] as const,
  // No resolveType: type-graphql's own picks the first of `types` the record is an instance of, at once
  // (a resolveType of ours would be wrapped to answer a promise, awaited for every result).
});

/** An edge of the search: the record, its relevance and what matched. */
@ObjectType({ description: "A search result with its cursor, relevance score and what matched." })
export class SearchEdge implements SearchEdgeValue {
  @Field({ description: "Opaque cursor of this result; pass it as `after` to the same search to read on from here." })
  cursor: string;

  @Field(() => SearchResult, { description: "The record found." })
  node: typeof SearchResult;

  @Field(() => SearchKind, { description: "Its kind." })
  kind: SearchKind;

  @Field(() => Float, {
    description:
      "Relevance, 0 to 1 (1 = the searched text is exactly the record's name, title or code), nudged by how active or large the record is. " +
      "Results come best first; equal scores the more active or larger record first, then in name order.",
  })
  score: number;

  @Field(() => [SearchMatch], { description: "The texts of the record that matched, closest first." })
  matches: SearchMatch[];
}

/** A page of search results. */
@ObjectType({ description: "A page of search results, best first." })
export class SearchConnection {
  @Field(() => [SearchEdge], { description: "The results of this page, best first." })
  edges: SearchEdge[];

  @Field(() => PageInfo, { description: "Where this page sits in the results." })
  pageInfo: PageInfo;

  @Field(() => Int, {
    description:
      "Number of records the whole search matched (all pages). Exact up to 1,000 per kind of record (the server's MAILLAGE_SEARCH_COUNTED); " +
      "beyond, counting stops there and `totalCountIsExact` is false: show it as \"more than ...\". Only the best 200 matches of each kind " +
      "(MAILLAGE_SEARCH_RANKED) are ranked and can be paged through.",
  })
  readonly totalCount: Promise<number>;

  @Field(() => Boolean, {
    description: "Whether `totalCount` is the exact number of matches; false when some kind of record matched more than the server counts, " +
      "`totalCount` being then a lower bound.",
  })
  totalCountIsExact: boolean;
}
