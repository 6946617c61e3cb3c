import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Theme } from "../entities/theme.entity";
import { RequestContext } from "../server/context";
import { NO_FILTER } from "../server/queries/filters/compiled-filter";
import { LINKS } from "../server/queries/links";
import { nestedList } from "../server/queries/list-fields";
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
    return theme.parentCode ? ctx.loaders.byKey(Theme).load(theme.parentCode) : null;
  }

  @FieldResolver(() => [Theme], { description: "Sub-themes." })
  children(@Root() theme: Theme, @Ctx() ctx: RequestContext): Promise<Theme[]> {
    return nestedList(ctx, SOURCES.theme, LINKS.subThemes, theme.code, "CODE");
  }
}
