import { Field, Float, ObjectType } from "type-graphql";

/** A WGS84 point. */
@ObjectType({ description: "A point on Earth, WGS84 (GPS) coordinates." })
export class GeoPoint {
  @Field(() => Float, { description: "Latitude in decimal degrees." })
  latitude: number;

  @Field(() => Float, { description: "Longitude in decimal degrees." })
  longitude: number;

  /** Builds a point from nullable columns; null when either is missing. */
  static of(latitude: number | null | undefined, longitude: number | null | undefined): GeoPoint | null {
    if (latitude == null || longitude == null) return null;
    return Object.assign(new GeoPoint(), { latitude, longitude });
  }
}
