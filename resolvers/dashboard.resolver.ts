import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { DashboardGranularity, DashboardPeriod, DashboardScope } from "../schema/inputs/dashboard-inputs";
import {
  DashboardCharterSignatures, DashboardCooperation, DashboardEmployerSizes, DashboardFederation, DashboardFunding,
  DashboardParticipation, DashboardProjects,
} from "../schema/types/dashboard-figures";
import { Dashboard } from "./types/dashboard-type";
import { RequestContext } from "../server/context";
import {
  associationFigures, cooperationFigures, fundingFigures, participationFigures, projectFigures, signatureFigures,
} from "../server/queries/dashboard/figures";
import { dashboardFilters } from "../server/queries/dashboard/scope";
import { selectedFields, selectedFieldsAt } from "../server/queries/selection";

/**
 * Dashboards of the 4 stakes: the scope is checked up front, each figure loads only when selected (the
 * figures selected together in one statement), and computes only the breakdowns selected under it.
 */
@Resolver(() => Dashboard)
export class DashboardResolver {
  @Query(() => Dashboard, {
    nullable: true,
    description:
      "The 4 stakes made measurable over a territory or a network, optionally over a period: associations by employer size " +
      "(stake 1) and federation (stake 2), participation events and residents per month (stake 3), projects by status and stake, " +
      "links with city-policy actors (stake 4), charter signatories over time and funding. Each count equals the `totalCount` " +
      "of the list query named in its description.",
  })
  async dashboard(
    @Arg("scope", () => DashboardScope, { description: "What the dashboard covers: exactly one kind of territory, or one network." }) scope: DashboardScope,
    @Arg("period", () => DashboardPeriod, { nullable: true, description: "Days the activity figures cover (events, projects, fundings, signatures); all time when omitted." })
    period: DashboardPeriod | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Dashboard> {
    return Dashboard.of(await dashboardFilters(ctx.loaders, scope, period));
  }

  @FieldResolver(() => DashboardEmployerSizes, { description: "Stake 1: associations of the scope by employer size." })
  async employerSizes(@Root() dashboard: Dashboard, @Ctx() ctx: RequestContext): Promise<DashboardEmployerSizes> {
    return (await this.associations(dashboard, ctx)).employerSizes;
  }

  @FieldResolver(() => DashboardFederation, { description: "Stake 2: associations of the scope, federated or not." })
  async federation(@Root() dashboard: Dashboard, @Ctx() ctx: RequestContext): Promise<DashboardFederation> {
    return (await this.associations(dashboard, ctx)).federation;
  }

  @FieldResolver(() => DashboardParticipation, { description: "Stake 3: participation events and residents counted, per month." })
  participation(@Root() dashboard: Dashboard, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<DashboardParticipation> {
    const selected = selectedFields(info);
    return dashboard.once(`participation:${[...selected].sort()}`, () => participationFigures(ctx.loaders, dashboard.filters, selected));
  }

  @FieldResolver(() => DashboardProjects, { description: "Cooperation projects by status and by stake, with the proposals of each stake." })
  projects(@Root() dashboard: Dashboard, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<DashboardProjects> {
    const selected = selectedFields(info);
    const proposals = selectedFieldsAt(info, ["byStake", "proposals"]);
    const key = `projects:${[...selected].sort()}:${proposals ? [...proposals].sort() : "-"}`;
    return dashboard.once(key, () => projectFigures(ctx.loaders, dashboard.filters, selected, proposals));
  }

  @FieldResolver(() => DashboardCooperation, { description: "Stake 4: cooperation links between the scope's associations and city-policy actors." })
  cooperation(@Root() dashboard: Dashboard, @Ctx() ctx: RequestContext): Promise<DashboardCooperation> {
    return dashboard.once("cooperation", () => cooperationFigures(ctx.loaders, dashboard.filters));
  }

  @FieldResolver(() => DashboardCharterSignatures, { description: "Signatories of the charter for inter-associative cooperation over time." })
  charterSignatures(
    @Root() dashboard: Dashboard,
    @Arg("granularity", () => DashboardGranularity, { defaultValue: DashboardGranularity.YEAR, description: "Months or years." })
    granularity: DashboardGranularity,
    @Ctx() ctx: RequestContext,
  ): Promise<DashboardCharterSignatures> {
    return dashboard.once(`signatures:${granularity}`, () => signatureFigures(ctx.loaders, dashboard.filters, granularity));
  }

  @FieldResolver(() => DashboardFunding, { description: "Funding of the scope's projects by funder type and by scheme." })
  funding(@Root() dashboard: Dashboard, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<DashboardFunding> {
    const selected = selectedFields(info);
    return dashboard.once(`funding:${[...selected].sort()}`, () => fundingFigures(ctx.loaders, dashboard.filters, selected));
  }

  /** Stakes 1 and 2 come from one statement, run once whichever of the two fields is selected. */
  private associations(dashboard: Dashboard, ctx: RequestContext) {
    return dashboard.once("associations", () => associationFigures(ctx.loaders, dashboard.filters));
  }
}
