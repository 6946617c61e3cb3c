import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { GeoPoint } from "../schema/geo-point.type";

/** A municipal district (arrondissement municipal) of Paris, Lyon or Marseille. */
@Entity("municipal_district")
@ObjectType({ description: "A municipal district (arrondissement) of Paris, Lyon or Marseille; it resolves to its city." })
export class MunicipalDistrict {
  @PrimaryColumn({ type: "text" })
  @Field({ description: 'INSEE code of the district, e.g. "75114".' })
  inseeCode: string;

  @Column({ type: "text" })
  cityInseeCode: string;

  @Column({ type: "text" })
  @Field({ description: 'Name, e.g. "Paris 14e Arrondissement".' })
  name: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Main postal code." })
  postalCode: string | null;

  @Column({ type: "double precision", nullable: true })
  latitude: number | null;

  @Column({ type: "double precision", nullable: true })
  longitude: number | null;

  @Field(() => GeoPoint, { nullable: true, description: "Reference point of the district." })
  get location(): GeoPoint | null {
    return GeoPoint.of(this.latitude, this.longitude);
  }
}
