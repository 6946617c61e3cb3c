import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { GoodPractice } from "../entities/good-practice.entity";
import { Theme } from "../entities/theme.entity";
import { AssociationsArgs, ProjectsArgs } from "../schema/args/list-args";
import { AssociationConnection, ProjectConnection } from "./connections";
import { RequestContext } from "../server/context";
import { projectConditions } from "../server/queries/filters/activity-conditions";
import { associationConditions } from "../server/queries/filters/organization-conditions";
import { NO_FILTER } from "../server/queries/filters/compiled-filter";
import { LINKS } from "../server/queries/links";
import { nestedConnection, nestedList } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";

/** Themes and their hierarchy. */
@Resolver(() => Theme)
export class ThemeResolver {
  @Query(() => [Theme], { description: "Themes of the nomenclature, by code." })
  async themes(@Ctx() ctx: RequestContext): Promise<Theme[]> {
    const page = await ctx.loaders.page<Theme>(SOURCES.theme, { ...NO_FILTER, order: "CODE", direction: "ASC" });
    return page.edges.map((e) => e.node);
  }

  @FieldResolver(() => Theme, { nullable: true, description: "Parent theme, for a sub-theme." })
  parent(@Root() theme: Theme, @Ctx() ctx: RequestContext) {
    return theme.parentCode ? ctx.loaders.lookup(Theme, theme.parentCode) : null;
  }

  @FieldResolver(() => AssociationConnection, { description: "Associations with this theme or one of its sub-themes." })
  async associations(@Root() theme: Theme, @Args() args: AssociationsArgs, @Ctx() ctx: RequestContext) {
    const filter = await associationConditions(ctx.loaders, args.filter);
    return nestedConnection(ctx, SOURCES.association, LINKS.organizationsWithTheme, theme.code, args, "NAME", filter);
  }

  @FieldResolver(() => ProjectConnection, { description: "Projects with this theme or one of its sub-themes." })
  async projects(@Root() theme: Theme, @Args() args: ProjectsArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.project, LINKS.projectsWithTheme, theme.code, args, "TITLE", await projectConditions(ctx.loaders, args.filter));
  }

  @FieldResolver(() => [GoodPractice], { description: "Good practices with this theme or one of its sub-themes." })
  goodPractices(@Root() theme: Theme, @Ctx() ctx: RequestContext): Promise<GoodPractice[]> {
    return nestedList(ctx, SOURCES.goodPractice, LINKS.goodPracticesWithTheme, theme.code, "TITLE");
  }

  @FieldResolver(() => [Theme], { description: "Sub-themes." })
  children(@Root() theme: Theme, @Ctx() ctx: RequestContext): Promise<Theme[]> {
    return nestedList(ctx, SOURCES.theme, LINKS.subThemes, theme.code, "CODE");
  }
}
