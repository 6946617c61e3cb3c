import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { TerritoryZone } from "../schema/enums/territory-enums";

/** A French département, reference data. */
@Entity("department")
@ObjectType({ implements: Node, description: "A département of France (reference data: Etalab découpage administratif)." })
export class Department implements Node {
  @PrimaryColumn({ type: "text" })
  @Field({ description: 'INSEE code, e.g. "59", "2A", "974".' })
  code: string;

  @Column({ type: "text" })
  @Field({ description: "Official name." })
  name: string;

  @Column({ type: "text" })
  regionCode: string;

  @Column({ type: "text", nullable: true })
  chefLieuInseeCode: string | null;

  @Column({ type: "text" })
  @Field(() => TerritoryZone, { description: "Mainland, overseas département-région or overseas collectivity." })
  zone: TerritoryZone;

  get nodeId(): string {
    return toGlobalId("Department", this.code);
  }
}
