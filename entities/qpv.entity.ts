import { Field, Float, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { GeoPoint } from "../schema/geo-point.type";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";

/** A bounding box in WGS84. */
@ObjectType({ description: "A bounding box, WGS84 decimal degrees." })
export class BoundingBox {
  @Field(() => Float, { description: "Westmost longitude." })
  minLongitude: number;

  @Field(() => Float, { description: "Southmost latitude." })
  minLatitude: number;

  @Field(() => Float, { description: "Eastmost longitude." })
  maxLongitude: number;

  @Field(() => Float, { description: "Northmost latitude." })
  maxLatitude: number;
}

/** A priority neighbourhood of city policy (2024 geography), reference data. */
@Entity("qpv")
@ObjectType({
  implements: Node,
  description:
    "A quartier prioritaire de la politique de la ville (2024 geography, decree 2023-1314; source ANCT, data.gouv.fr, Licence Ouverte 2.0).",
})
export class Qpv implements Node {
  @PrimaryColumn({ type: "text" })
  @Field({ description: 'QPV code, e.g. "QN05981M" (2024) or "QP075001" (2015).' })
  code: string;

  @Column({ type: "text" })
  @Field({ description: "Name of the neighbourhood." })
  name: string;

  @Column({ type: "text" })
  departmentCode: string;

  /** The contour is large: only selected when a client asks for `geometry`. */
  @Column({ type: "jsonb", select: false })
  geometry?: object;

  @Column({ type: "double precision" })
  minLongitude: number;

  @Column({ type: "double precision" })
  minLatitude: number;

  @Column({ type: "double precision" })
  maxLongitude: number;

  @Column({ type: "double precision" })
  maxLatitude: number;

  @Column({ type: "double precision" })
  latitude: number;

  @Column({ type: "double precision" })
  longitude: number;

  @Field(() => GeoPoint, { description: "Centroid of the contour." })
  get center(): GeoPoint {
    return GeoPoint.of(this.latitude, this.longitude)!;
  }

  @Field(() => BoundingBox, { description: "Bounding box of the contour." })
  get boundingBox(): BoundingBox {
    const { minLongitude, minLatitude, maxLongitude, maxLatitude } = this;
    return Object.assign(new BoundingBox(), { minLongitude, minLatitude, maxLongitude, maxLatitude });
  }

  get nodeId(): string {
    return toGlobalId("Qpv", this.code);
  }
}
