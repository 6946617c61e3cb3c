import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";

/** One of the 4 stakes of Le Mouvement associatif's 2021 advocacy paper. */
@Entity("stake")
@ObjectType({ implements: Node, description: "One of the 4 stakes of the 2021 advocacy paper on associations in QPV." })
export class Stake implements Node {
  @PrimaryColumn({ type: "smallint" })
  @Field(() => Int, { description: "Number of the stake, 1 to 4." })
  number: number;

  @Column({ type: "text" })
  @Field({ description: "Wording of the stake." })
  title: string;

  get nodeId(): string {
    return toGlobalId("Stake", this.number);
  }
}
