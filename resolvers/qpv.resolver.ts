import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { CharterSignature } from "../entities/charter-signature.entity";
import { Commune } from "../entities/commune.entity";
import { ContratDeVille } from "../entities/contrat-de-ville.entity";
import { Department } from "../entities/department.entity";
import { GoodPractice } from "../entities/good-practice.entity";
import { Qpv } from "../entities/qpv.entity";
import { AssociationsArgs, EventsArgs, ProjectsArgs, QpvsArgs } from "../schema/args/list-args";
import { AssociationConnection, EventConnection, ProjectConnection, QpvConnection } from "./connections";
import { GeoJSONScalar } from "../schema/scalars";
import { RequestContext } from "../server/context";
import { badInput } from "../schema/input-errors";
import { eventConditions, projectConditions } from "../server/queries/filters/activity-conditions";
import { associationConditions } from "../server/queries/filters/organization-conditions";
import { qpvConditions } from "../server/queries/filters/territory-list-conditions";
import { LINKS } from "../server/queries/links";
import { nestedConnection, nestedList, rootConnection } from "../server/queries/list-fields";
import { qpvGeometriesByCode } from "../server/queries/qpv-geometry";
import { SOURCES } from "../server/queries/sources";
import { isValidQpvCode } from "../server/validation/identifiers";

/** QPVs: lists, lookup by code, contour on request, and what happens in them. */
@Resolver(() => Qpv)
export class QpvResolver {
  @Query(() => QpvConnection, { description: "QPVs of the 2024 geography, filtered by territory." })
  async qpvs(@Args() args: QpvsArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SOURCES.qpv, await qpvConditions(ctx.loaders, args.filter), args, "NAME");
  }

  @Query(() => Qpv, { nullable: true, description: "One QPV by code; null if no QPV has this code." })
  qpv(@Arg("code", { description: 'QPV code, e.g. "QN05981M".' }) code: string, @Ctx() ctx: RequestContext) {
    if (!isValidQpvCode(code)) {
      throw badInput(`"${code}" is not a QPV code (QN + département + order + letter, or QP + 6 digits).`, { argument: "code", reason: "MALFORMED" });
    }
    return ctx.loaders.lookup(Qpv, code);
  }

  @FieldResolver(() => GeoJSONScalar, { description: "Contour as a GeoJSON MultiPolygon (WGS84, about 11 m precision). Large: ask for it only when drawing." })
  geometry(@Root() qpv: Qpv, @Ctx() ctx: RequestContext) {
    return ctx.loaders.raw("qpvGeometriesByCode", qpvGeometriesByCode(ctx.loaders)).load(qpv.code);
  }

  @FieldResolver(() => Department, { description: "Its département." })
  department(@Root() qpv: Qpv, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Department, qpv.departmentCode);
  }

  @FieldResolver(() => [Commune], { description: "Communes it lies in (a QPV can span several)." })
  communes(@Root() qpv: Qpv, @Ctx() ctx: RequestContext): Promise<Commune[]> {
    return nestedList(ctx, SOURCES.commune, LINKS.communesOfQpv, qpv.code, "CODE");
  }

  @FieldResolver(() => AssociationConnection, { description: "Associations based or active in the QPV." })
  async associations(@Root() qpv: Qpv, @Args() args: AssociationsArgs, @Ctx() ctx: RequestContext) {
    const filter = await associationConditions(ctx.loaders, args.filter);
    return nestedConnection(ctx, SOURCES.association, LINKS.organizationsInQpv, qpv.code, args, "NAME", filter);
  }

  @FieldResolver(() => ProjectConnection, { description: "Cooperation projects concerning the QPV." })
  async projects(@Root() qpv: Qpv, @Args() args: ProjectsArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.project, LINKS.projectsInQpv, qpv.code, args, "TITLE", await projectConditions(ctx.loaders, args.filter));
  }

  @FieldResolver(() => EventConnection, { description: "Participation events held in the QPV." })
  async events(@Root() qpv: Qpv, @Args() args: EventsArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.event, LINKS.eventsInQpv, qpv.code, args, "STARTS_AT", await eventConditions(ctx.loaders, args.filter));
  }

  @FieldResolver(() => [ContratDeVille], { description: "Contrats de ville covering the QPV." })
  contratsDeVille(@Root() qpv: Qpv, @Ctx() ctx: RequestContext): Promise<ContratDeVille[]> {
    return nestedList(ctx, SOURCES.contratDeVille, LINKS.contratsOfQpv, qpv.code, "NAME");
  }

  @FieldResolver(() => [CharterSignature], { description: "Signatures of the charter made in the QPV, oldest first." })
  charterSignatures(@Root() qpv: Qpv, @Ctx() ctx: RequestContext): Promise<CharterSignature[]> {
    return nestedList(ctx, SOURCES.charterSignature, LINKS.signaturesInQpv, qpv.code, "SIGNED_ON");
  }

  @FieldResolver(() => [GoodPractice], { description: "Good practices from the QPV." })
  goodPractices(@Root() qpv: Qpv, @Ctx() ctx: RequestContext): Promise<GoodPractice[]> {
    return nestedList(ctx, SOURCES.goodPractice, LINKS.goodPracticesInQpv, qpv.code, "TITLE");
  }
}
