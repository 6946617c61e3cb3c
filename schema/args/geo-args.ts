import { ArgsType, Field, Float, Int } from "type-graphql";
import { badInput } from "../input-errors";
import { checkRange } from "../validation/ranges";
import { EventFilter } from "../inputs/activity-filters";
import { OrganizationFilter } from "../inputs/organization-filters";
import { checkPageSize, PageArgs } from "../page-args";

/** Radius of a "near" search: at least a metre, at most 50 km (a conurbation; beyond, use territory filters). */
export const MIN_RADIUS_METERS = 1;
export const MAX_RADIUS_METERS = 50_000;

/**
 * Neighbouring QPVs: adjacent ones (0) up to 3 km. Past that "neighbour" means little, and exact distances
 * grow costly (the 75 QPVs of Seine-Saint-Denis in one page: 0.2 s at 1 km, 0.9 s at 3 km, 2.1 s at 5 km on PGlite).
 */
export const DEFAULT_NEIGHBOUR_METERS = 1000;
export const MAX_NEIGHBOUR_METERS = 3000;

/** A WGS84 point, checked. */
export interface GeoPointValue {
  latitude: number;
  longitude: number;
}

/** A point and a radius around it, checked. */
export interface GeoCircleValue extends GeoPointValue {
  radiusMeters: number;
}

/** A point given by a client. */
@ArgsType()
export class GeoPointArgs {
  @Field(() => Float, { description: "Latitude, WGS84 decimal degrees (-90 to 90), as given by a GPS." })
  latitude: number;

  @Field(() => Float, { description: "Longitude, WGS84 decimal degrees (-180 to 180)." })
  longitude: number;
}

/** A page of things within a radius of a point, nearest first. */
@ArgsType()
export class NearArgs extends PageArgs {
  @Field(() => Float, { description: "Latitude of the centre, WGS84 decimal degrees (-90 to 90)." })
  latitude: number;

  @Field(() => Float, { description: "Longitude of the centre, WGS84 decimal degrees (-180 to 180)." })
  longitude: number;

  @Field(() => Int, { description: `Radius in metres, ${MIN_RADIUS_METERS} to ${MAX_RADIUS_METERS}.` })
  radiusMeters: number;
}

/** Arguments of `organizationsNear`. */
@ArgsType()
export class OrganizationsNearArgs extends NearArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: "Which organisations (the same filter as `organizations`)." })
  filter?: OrganizationFilter | null;
}

/** Arguments of `eventsNear`. */
@ArgsType()
export class EventsNearArgs extends NearArgs {
  @Field(() => EventFilter, { nullable: true, description: "Which events (the same filter as `events`), e.g. `startsAfter` for upcoming ones." })
  filter?: EventFilter | null;
}

/** A coordinate (a Float: not an integer) within min..max, or BAD_USER_INPUT (reason OUT_OF_RANGE). */
function checkCoordinate(value: number, min: number, max: number, argument: string): number {
  if (!(value >= min && value <= max)) {
    throw badInput(`"${argument}" must be between ${min} and ${max}, got ${value}.`, { argument, reason: "OUT_OF_RANGE" });
  }
  return value;
}

/** Rejects a latitude outside -90..90 or a longitude outside -180..180. */
export function checkedPoint(args: GeoPointValue): GeoPointValue {
  return { latitude: checkCoordinate(args.latitude, -90, 90, "latitude"), longitude: checkCoordinate(args.longitude, -180, 180, "longitude") };
}

/** Checks the point, the radius and the page size of a "near" search. */
export function checkedCircle(args: NearArgs): GeoCircleValue {
  const point = checkedPoint(args);
  const radiusMeters = checkRange(args.radiusMeters, MIN_RADIUS_METERS, MAX_RADIUS_METERS, "radiusMeters");
  checkPageSize(args.first);
  return { ...point, radiusMeters };
}

/** Checks the distance asked of `Qpv.neighbours`. */
export function checkedNeighbourDistance(withinMeters: number): number {
  return checkRange(withinMeters, 0, MAX_NEIGHBOUR_METERS, "withinMeters");
}
