import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Qpv } from "../entities/qpv.entity";
import {
  checkedCircle, checkedNeighbourDistance, checkedPoint, DEFAULT_NEIGHBOUR_METERS, EventsNearArgs, GeoPointArgs,
  MAX_NEIGHBOUR_METERS, OrganizationsNearArgs,
} from "../schema/args/geo-args";
import { NearbyEventConnection, NearbyOrganizationConnection } from "./connections";
import { QpvNeighbour } from "./types/geo-qpv-neighbour.type";
import { RequestContext } from "../server/context";
import { eventConditions } from "../server/queries/filters/activity-conditions";
import { organizationConditions } from "../server/queries/filters/organization-conditions";
import { NEAR, nearConnection } from "../server/queries/geography/near";
import { pointKey, qpvsAtPoints } from "../server/queries/geography/qpv-at";
import { qpvNeighboursByCode, QpvNeighbourValue } from "../server/queries/geography/qpv-neighbours";

/** Geography: the QPV at a point, organisations and events within a radius, neighbouring QPVs. */
@Resolver(() => Qpv)
export class GeographyResolver {
  @Query(() => Qpv, {
    nullable: true,
    description:
      "The QPV whose contour contains the point (its real contour: every polygon of a multi-part QPV, holes excluded); " +
      "null outside every QPV.",
  })
  qpvAt(@Args() args: GeoPointArgs, @Ctx() ctx: RequestContext): Promise<Qpv | null> {
    const point = checkedPoint(args);
    return ctx.loaders.raw("qpvAtPoint", qpvsAtPoints(ctx.loaders)).load(pointKey(point));
  }

  @Query(() => NearbyOrganizationConnection, {
    description: "Associations and partners whose head office lies within a radius of a point, nearest first, each with its distance.",
  })
  async organizationsNear(@Args() args: OrganizationsNearArgs, @Ctx() ctx: RequestContext) {
    const circle = checkedCircle(args);
    const filter = await organizationConditions(ctx.loaders, args.filter);
    return nearConnection(ctx.loaders, ctx.loaders.access, NEAR.organization, { circle, filter, first: args.first, after: args.after ?? null });
  }

  @Query(() => NearbyEventConnection, {
    description: "Participation events whose venue lies within a radius of a point, nearest first, each with its distance.",
  })
  async eventsNear(@Args() args: EventsNearArgs, @Ctx() ctx: RequestContext) {
    const circle = checkedCircle(args);
    const filter = await eventConditions(ctx.loaders, args.filter);
    return nearConnection(ctx.loaders, ctx.loaders.access, NEAR.event, { circle, filter, first: args.first, after: args.after ?? null });
  }

  @FieldResolver(() => [QpvNeighbour], {
    description: "Other QPVs whose contour lies within a distance of this one's, nearest first (adjacent ones at 0), then by code.",
  })
  neighbours(
    @Root() qpv: Qpv,
    @Arg("withinMeters", () => Int, {
      defaultValue: DEFAULT_NEIGHBOUR_METERS,
      description: `Largest distance between the contours, in metres, 0 (touching only) to ${MAX_NEIGHBOUR_METERS}.`,
    })
    withinMeters: number,
    @Ctx() ctx: RequestContext,
  ): Promise<QpvNeighbourValue[]> {
    const within = checkedNeighbourDistance(withinMeters);
    return ctx.loaders.raw(`qpvNeighbours:${within}`, qpvNeighboursByCode(ctx.loaders, within)).load(qpv.code);
  }
}
