import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { Node } from "../schema/node.interface";
import { MAX_PAGE_SIZE } from "../schema/page-args";
import { RequestContext } from "../server/context";
import { badInput } from "../schema/input-errors";
import { loadNode } from "../server/queries/node-lookup";

/** Relay's object identification: any entity by its global id. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object of the graph by its global id; null if it does not exist." })
  node(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: RequestContext): Promise<Node | null> {
    return loadNode(ctx, id, "id");
  }

  @Query(() => [Node], { nullable: "items", description: `Objects by global ids (at most ${MAX_PAGE_SIZE}), in the order given; null for each that does not exist (and an error for each malformed one).` })
  nodes(@Arg("ids", () => [ID], { description: "Global ids." }) ids: string[], @Ctx() ctx: RequestContext): Promise<Node | null>[] {
    if (ids.length > MAX_PAGE_SIZE) {
      throw badInput(`At most ${MAX_PAGE_SIZE} ids at once, got ${ids.length}.`, { argument: "ids", reason: "OUT_OF_RANGE" });
    }
    // One promise per item: a malformed id nulls its own item (with an error), not the whole list.
    return ids.map((id, i) => loadNode(ctx, id, `ids.${i}`));
  }
}
