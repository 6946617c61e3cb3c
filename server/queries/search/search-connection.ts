import { PageInfo } from "../../../schema/page-info.type";
import { SearchArgs } from "../../../schema/inputs/search-args";
import { SearchField } from "../../../schema/types/search-kind";
import { SearchEdgeValue, SearchMatch } from "../../../schema/types/search-match.type";
import { RequestContext } from "../../context";
import { hydrate } from "../../database/hydrate";
import { encodeSearchCursor } from "./search-cursor";
import { searchRequest } from "./search-request";
import { SEARCH_SOURCES } from "./search-sources";
import { fetchSearchRows, SearchRow } from "./search-statement";

/** A page of search results, as the `SearchConnection` type reads it. */
export interface SearchConnectionValue {
  edges: SearchEdgeValue[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
  /** False when the search matched more records of some kind than it counts (`totalCount` is then a lower bound). */
  totalCountIsExact: boolean;
}

const FIELD_ORDER = Object.values(SearchField);

/** Matched texts, closest first (ties in the enum's order, so the answer is stable). */
function matches(matched: SearchRow["matched"], words: string[]): SearchMatch[] {
  return Object.entries(matched)
    .map(([field, [similarity, found]]) => ({ field: field as SearchField, similarity: Number(similarity), words: words.filter((_, i) => found[i]) }))
    .sort((a, b) => b.similarity - a.similarity || FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

/** `search`: checks the arguments, then reads one page and the total in one statement. */
export async function searchConnection(ctx: RequestContext, args: SearchArgs): Promise<SearchConnectionValue> {
  const request = await searchRequest(ctx.loaders, args);
  const { dataSource } = ctx.loaders;
  const { rows, total, exact } = request.sources.length && request.searchable
    ? await fetchSearchRows(ctx.loaders, ctx.loaders.access, request, ctx.searchBounds)
    : { rows: [], total: 0, exact: true };
  const byRank = new Map(SEARCH_SOURCES.map((source) => [source.rank, source]));
  const edges = rows.slice(0, request.first).map((row): SearchEdgeValue => {
    const source = byRank.get(row.kind_rank)!;
    return {
      cursor: encodeSearchCursor({ signature: request.signature, score: row.score_text, prior: row.prior_text, sort: row.sort, rank: row.kind_rank, key: row.key }),
      node: hydrate(dataSource, dataSource.getMetadata(source.entity), row.row),
      kind: source.kind,
      score: Number(row.score_text),
      matches: matches(row.matched, request.words),
    };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > request.first,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: Promise.resolve(total),
    totalCountIsExact: exact,
  };
}
