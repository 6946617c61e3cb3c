import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Organization } from "../entities/organization.entity";
import { ViewerType } from "../schema/types/viewer.type";
import { Viewer } from "../server/access/viewer";
import { territoryEntries } from "../server/auth/claims";
import { RequestContext } from "../server/context";
import type { Found } from "../server/loaders/request-loaders";

/** The `viewer` root field: who the request's bearer token says is asking. */
@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: "Who is asking: the identity of the request's bearer token, or the anonymous viewer without one." })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    return ctx.viewer;
  }

  @FieldResolver(() => String, { nullable: true, description: "Stable subject of the token (`sub`); null for the anonymous viewer." })
  subject(@Root() viewer: Viewer): string | null {
    return viewer.role === "ANONYMOUS" ? null : viewer.subject;
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: 'Territories of a policy officer, e.g. "commune:59512", "epci:200093201", "department:59"; null for other roles.',
  })
  territories(@Root() viewer: Viewer): string[] | null {
    return viewer.role === "POLICY_OFFICER" ? territoryEntries(viewer.territories) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: "The association an editor edits, or the network head a federation manager manages; null for other roles, or if it does not exist.",
  })
  organization(@Root() viewer: Viewer, @Ctx() ctx: RequestContext): Found<Organization> {
    const id = viewer.role === "ASSOCIATION_EDITOR" ? viewer.organizationId : viewer.role === "FEDERATION_MANAGER" ? viewer.networkId : null;
    return id === null ? null : ctx.loaders.lookup(Organization, id);
  }
}
