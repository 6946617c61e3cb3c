import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { GoodPractice } from "../entities/good-practice.entity";
import { Proposal } from "../entities/proposal.entity";
import { Stake } from "../entities/stake.entity";
import { GoodPracticesArgs, ProjectsArgs } from "../schema/args/list-args";
import { GoodPracticeConnection, ProjectConnection } from "./connections";
import { RequestContext } from "../server/context";
import { NO_FILTER } from "../server/queries/filters/compiled-filter";
import { goodPracticeConditions, projectConditions } from "../server/queries/filters/activity-conditions";
import { LINKS } from "../server/queries/links";
import { nestedConnection, nestedList } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";

/** The 4 stakes, their proposals and the projects addressing them. */
@Resolver(() => Stake)
export class StakeResolver {
  @Query(() => [Stake], { description: "The 4 stakes of the 2021 advocacy paper, in order." })
  async stakes(@Ctx() ctx: RequestContext): Promise<Stake[]> {
    const page = await ctx.loaders.page<Stake>(SOURCES.stake, { ...NO_FILTER, order: "NUMBER", direction: "ASC" });
    return page.edges.map((e) => e.node);
  }

  @FieldResolver(() => [Proposal], { description: "Proposals under this stake (loaded by an administrator)." })
  proposals(@Root() stake: Stake, @Ctx() ctx: RequestContext): Promise<Proposal[]> {
    return nestedList(ctx, SOURCES.proposal, LINKS.proposalsOfStake, stake.number, "NUMBER");
  }

  @FieldResolver(() => [GoodPractice], { description: "Good practices illustrating this stake." })
  goodPractices(@Root() stake: Stake, @Ctx() ctx: RequestContext): Promise<GoodPractice[]> {
    return nestedList(ctx, SOURCES.goodPractice, LINKS.goodPracticesOfStake, stake.number, "TITLE");
  }

  @FieldResolver(() => ProjectConnection, { description: "Projects addressing this stake." })
  async projects(@Root() stake: Stake, @Args() args: ProjectsArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.project, LINKS.projectsOfStake, stake.number, args, "TITLE", await projectConditions(ctx.loaders, args.filter));
  }
}

/** The stake of a proposal, and the projects and good practices carrying it forward. */
@Resolver(() => Proposal)
export class ProposalResolver {
  @FieldResolver(() => ProjectConnection, { description: "Projects carrying this proposal forward." })
  async projects(@Root() proposal: Proposal, @Args() args: ProjectsArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.project, LINKS.projectsOfProposal, proposal.id, args, "TITLE", await projectConditions(ctx.loaders, args.filter));
  }

  @FieldResolver(() => GoodPracticeConnection, { description: "Good practices carrying this proposal forward." })
  async goodPractices(@Root() proposal: Proposal, @Args() args: GoodPracticesArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.goodPractice, LINKS.goodPracticesOfProposal, proposal.id, args, "TITLE", await goodPracticeConditions(ctx.loaders, args.filter));
  }

  @FieldResolver(() => Stake, { description: "The stake it belongs to." })
  stake(@Root() proposal: Proposal, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Stake, proposal.stakeNumber);
  }
}
