import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { GoodPractice } from "../entities/good-practice.entity";
import { Organization } from "../entities/organization.entity";
import { CooperationProject } from "../entities/project.entity";
import { Qpv } from "../entities/qpv.entity";
import { Proposal } from "../entities/proposal.entity";
import { Stake } from "../entities/stake.entity";
import { Theme } from "../entities/theme.entity";
import { GoodPracticesArgs } from "../schema/args/list-args";
import { GoodPracticeConnection } from "./connections";
import { RequestContext } from "../server/context";
import { goodPracticeConditions } from "../server/queries/filters/activity-conditions";
import { LINKS } from "../server/queries/links";
import { nestedList, rootConnection } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";

/** Good practices of the guide and what they are about. */
@Resolver(() => GoodPractice)
export class GoodPracticeResolver {
  @Query(() => GoodPracticeConnection, { description: "Good practices of inter-associative cooperation." })
  async goodPractices(@Args() args: GoodPracticesArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SOURCES.goodPractice, await goodPracticeConditions(ctx.loaders, args.filter), args, "TITLE");
  }

  @FieldResolver(() => [Organization], { description: "Organisations featured." })
  organizations(@Root() gp: GoodPractice, @Ctx() ctx: RequestContext): Promise<Organization[]> {
    return nestedList(ctx, SOURCES.organization, LINKS.organizationsOfGoodPractice, gp.id, "NAME");
  }

  @FieldResolver(() => [CooperationProject], { description: "Projects it draws on." })
  projects(@Root() gp: GoodPractice, @Ctx() ctx: RequestContext): Promise<CooperationProject[]> {
    return nestedList(ctx, SOURCES.project, LINKS.projectsOfGoodPractice, gp.id, "TITLE");
  }

  @FieldResolver(() => [Qpv], { description: "QPVs concerned." })
  qpvs(@Root() gp: GoodPractice, @Ctx() ctx: RequestContext): Promise<Qpv[]> {
    return nestedList(ctx, SOURCES.qpv, LINKS.qpvsOfGoodPractice, gp.id, "CODE");
  }

  @FieldResolver(() => [Theme], { description: "Themes." })
  themes(@Root() gp: GoodPractice, @Ctx() ctx: RequestContext): Promise<Theme[]> {
    return nestedList(ctx, SOURCES.theme, LINKS.themesOfGoodPractice, gp.id, "CODE");
  }

  @FieldResolver(() => [Stake], { description: "Stakes of the advocacy paper it illustrates." })
  stakes(@Root() gp: GoodPractice, @Ctx() ctx: RequestContext): Promise<Stake[]> {
    return nestedList(ctx, SOURCES.stake, LINKS.stakesOfGoodPractice, gp.id, "NUMBER");
  }

  @FieldResolver(() => [Proposal], { description: "Proposals of the advocacy paper it carries forward, by number." })
  proposals(@Root() gp: GoodPractice, @Ctx() ctx: RequestContext): Promise<Proposal[]> {
    return nestedList(ctx, SOURCES.proposal, LINKS.proposalsOfGoodPractice, gp.id, "NUMBER");
  }
}
