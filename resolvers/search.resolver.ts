import { Args, Ctx, Query, Resolver } from "type-graphql";
import { SearchArgs } from "../schema/inputs/search-args";
import { SearchConnection } from "./types/search-result";
import { RequestContext } from "../server/context";
import { searchConnection, SearchConnectionValue } from "../server/queries/search/search-connection";

/** Search across the graph: associations, partners, projects, events, good practices, QPVs and communes. */
@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    description:
      "Finds associations, partners, cooperation projects, participation events, good practices, QPVs and communes by text, best first. " +
      "Accents, case and punctuation are ignored and typos tolerated (\"ligue enseignement\" finds \"Ligue de l'enseignement\", \"Roubiax\" finds " +
      "Roubaix and the organisations based there). Archived records are left out.",
  })
  search(@Args() args: SearchArgs, @Ctx() ctx: RequestContext): Promise<SearchConnectionValue> {
    return searchConnection(ctx, args);
  }
}
