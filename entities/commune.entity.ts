import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { GeoPoint } from "../schema/geo-point.type";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";

/** A commune (municipality), reference data. Paris, Lyon and Marseille are single communes with districts. */
@Entity("commune")
@ObjectType({
  implements: Node,
  description:
    "A commune of France (reference data: geo.api.gouv.fr, Licence Ouverte 2.0). Paris, Lyon and Marseille are one commune each; their municipal districts are listed in `districts`.",
})
export class Commune implements Node {
  @PrimaryColumn({ type: "text" })
  @Field({ description: 'INSEE code (COG), e.g. "59512" for Roubaix.' })
  inseeCode: string;

  @Column({ type: "text" })
  @Field({ description: "Official name." })
  name: string;

  @Column({ type: "text" })
  departmentCode: string;

  @Column({ type: "text", nullable: true })
  epciSiren: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Main postal code." })
  postalCode: string | null;

  @Column({ type: "text", array: true })
  otherPostalCodes: string[];

  @Column({ type: "double precision", nullable: true })
  latitude: number | null;

  @Column({ type: "double precision", nullable: true })
  longitude: number | null;

  @Field(() => [String], { description: "Every postal code of the commune, the main one first." })
  get postalCodes(): string[] {
    return this.postalCode ? [this.postalCode, ...this.otherPostalCodes] : this.otherPostalCodes;
  }

  @Field(() => GeoPoint, { nullable: true, description: "Reference point of the commune (town hall area)." })
  get location(): GeoPoint | null {
    return GeoPoint.of(this.latitude, this.longitude);
  }

  get nodeId(): string {
    return toGlobalId("Commune", this.inseeCode);
  }
}
