import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { EpciType } from "../schema/enums/territory-enums";

/** An EPCI (intercommunal body with its own taxation), reference data. */
@Entity("epci")
@ObjectType({ implements: Node, description: "An EPCI, intercommunal body (reference data: Etalab découpage administratif)." })
export class Epci implements Node {
  @PrimaryColumn({ type: "text" })
  @Field({ description: "SIREN number of the EPCI (9 digits)." })
  siren: string;

  @Column({ type: "text" })
  @Field({ description: "Name." })
  name: string;

  @Column({ type: "text" })
  @Field(() => EpciType, { description: "Legal form." })
  type: EpciType;

  @Column({ type: "integer", nullable: true })
  @Field(() => Int, { nullable: true, description: "Municipal population (INSEE)." })
  population: number | null;

  get nodeId(): string {
    return toGlobalId("Epci", this.siren);
  }
}
