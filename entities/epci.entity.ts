import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";

/** Legal form of an intercommunal body. */
export enum EpciType {
  CC = "CC",
  CA = "CA",
  CU = "CU",
  METRO = "METRO",
  MET69 = "MET69",
}
registerEnumType(EpciType, {
  name: "EpciType",
  description: "Legal form of an EPCI.",
  valuesConfig: {
    CC: { description: "Communauté de communes." },
    CA: { description: "Communauté d'agglomération." },
    CU: { description: "Communauté urbaine." },
    METRO: { description: "Métropole." },
    MET69: { description: "Métropole de Lyon (a collectivity with special status)." },
  },
});

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
