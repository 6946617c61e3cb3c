import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { RequestContext } from "../server/context";

/** Both ends of a network membership. */
@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organization, { description: "The network head." })
  network(@Root() membership: Membership, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, membership.networkId);
  }

  @FieldResolver(() => Organization, { description: "The member organisation." })
  member(@Root() membership: Membership, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, membership.memberId);
  }
}
