import { Args, Ctx, FieldResolver, ID, Arg, Query, Resolver, Root } from "type-graphql";
import { Funding } from "../entities/funding.entity";
import { GoodPractice } from "../entities/good-practice.entity";
import { Organization } from "../entities/organization.entity";
import { CooperationProject } from "../entities/project.entity";
import { ProjectParticipant } from "../entities/project-participant.entity";
import { Proposal } from "../entities/proposal.entity";
import { Qpv } from "../entities/qpv.entity";
import { Stake } from "../entities/stake.entity";
import { Theme } from "../entities/theme.entity";
import { EventsArgs, FundingsArgs, ProjectsArgs } from "../schema/args/list-args";
import { ConnectionValue } from "../schema/connection";
import { EventConnection, FundingConnection, ProjectConnection } from "./connections";
import { fromGlobalIdOf } from "../schema/global-id";
import { RequestContext } from "../server/context";
import { eventConditions, fundingConditions, projectConditions } from "../server/queries/filters/activity-conditions";
import { LINKS } from "../server/queries/links";
import { nestedConnection, nestedList, rootConnection } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";

/** Cooperation projects: lists, lookup, and their participants, fundings and territory. */
@Resolver(() => CooperationProject)
export class ProjectResolver {
  @Query(() => ProjectConnection, { description: "Cooperation projects, filtered and ordered (archived ones left out)." })
  async projects(@Args() args: ProjectsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionValue<CooperationProject>> {
    return rootConnection(ctx, SOURCES.project, await projectConditions(ctx.loaders, args.filter), args, "TITLE");
  }

  @Query(() => CooperationProject, { nullable: true, description: "One project by id; null if none." })
  project(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(CooperationProject, fromGlobalIdOf(id, ["CooperationProject"]).key);
  }

  @FieldResolver(() => [ProjectParticipant], { description: "Organisations taking part, with their roles (lead first)." })
  participants(@Root() project: CooperationProject, @Ctx() ctx: RequestContext): Promise<ProjectParticipant[]> {
    return nestedList(ctx, SOURCES.participant, LINKS.participantsOfProject, project.id, "ROLE");
  }

  @FieldResolver(() => [Funding], { description: "Fundings of the project, by year." })
  fundings(@Root() project: CooperationProject, @Ctx() ctx: RequestContext): Promise<Funding[]> {
    return nestedList(ctx, SOURCES.funding, LINKS.fundingsOfProject, project.id, "YEAR");
  }

  @FieldResolver(() => [Qpv], { description: "QPVs the project concerns." })
  qpvs(@Root() project: CooperationProject, @Ctx() ctx: RequestContext): Promise<Qpv[]> {
    return nestedList(ctx, SOURCES.qpv, LINKS.qpvsOfProject, project.id, "CODE");
  }

  @FieldResolver(() => [Theme], { description: "Themes of the project." })
  themes(@Root() project: CooperationProject, @Ctx() ctx: RequestContext): Promise<Theme[]> {
    return nestedList(ctx, SOURCES.theme, LINKS.themesOfProject, project.id, "CODE");
  }

  @FieldResolver(() => [Stake], { description: "Stakes of the advocacy paper the project addresses." })
  stakes(@Root() project: CooperationProject, @Ctx() ctx: RequestContext): Promise<Stake[]> {
    return nestedList(ctx, SOURCES.stake, LINKS.stakesOfProject, project.id, "NUMBER");
  }

  @FieldResolver(() => [Proposal], { description: "Proposals of the advocacy paper the project carries forward, by number." })
  proposals(@Root() project: CooperationProject, @Ctx() ctx: RequestContext): Promise<Proposal[]> {
    return nestedList(ctx, SOURCES.proposal, LINKS.proposalsOfProject, project.id, "NUMBER");
  }

  @FieldResolver(() => EventConnection, { description: "Participation events held as part of the project." })
  async events(@Root() project: CooperationProject, @Args() args: EventsArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.event, LINKS.eventsOfProject, project.id, args, "STARTS_AT", await eventConditions(ctx.loaders, args.filter));
  }

  @FieldResolver(() => [GoodPractice], { description: "Good practices drawn from the project." })
  goodPractices(@Root() project: CooperationProject, @Ctx() ctx: RequestContext): Promise<GoodPractice[]> {
    return nestedList(ctx, SOURCES.goodPractice, LINKS.goodPracticesOfProject, project.id, "TITLE");
  }
}

/** Both ends of a participation. */
@Resolver(() => ProjectParticipant)
export class ProjectParticipantResolver {
  @FieldResolver(() => CooperationProject, { description: "The project." })
  project(@Root() participant: ProjectParticipant, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(CooperationProject, participant.projectId);
  }

  @FieldResolver(() => Organization, { description: "The organisation taking part." })
  organization(@Root() participant: ProjectParticipant, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, participant.organizationId);
  }
}

/** Fundings: the list, and both ends of each. */
@Resolver(() => Funding)
export class FundingResolver {
  @Query(() => FundingConnection, { description: "Fundings of projects, by year (oldest first)." })
  async fundings(@Args() args: FundingsArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SOURCES.funding, await fundingConditions(ctx.loaders, args.filter), args, "YEAR");
  }

  @FieldResolver(() => CooperationProject, { description: "The project funded." })
  project(@Root() funding: Funding, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(CooperationProject, funding.projectId);
  }

  @FieldResolver(() => Organization, { description: "The organisation giving the money." })
  funder(@Root() funding: Funding, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, funding.funderId);
  }
}
