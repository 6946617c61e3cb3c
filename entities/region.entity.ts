import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { TerritoryZone } from "../schema/enums/territory-enums";

/** A French région (INSEE code), reference data. */
@Entity("region")
@ObjectType({ implements: Node, description: "A région of France (reference data: Etalab découpage administratif)." })
export class Region implements Node {
  @PrimaryColumn({ type: "text" })
  @Field({ description: 'INSEE code of the région, e.g. "32" for Hauts-de-France.' })
  code: string;

  @Column({ type: "text" })
  @Field({ description: "Official name." })
  name: string;

  @Column({ type: "text", nullable: true })
  chefLieuInseeCode: string | null;

  @Column({ type: "text" })
  @Field(() => TerritoryZone, { description: "Mainland, overseas département-région or overseas collectivity." })
  zone: TerritoryZone;

  get nodeId(): string {
    return toGlobalId("Region", this.code);
  }
}
