import { Field, Float, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { FundingScheme } from "../schema/enums/activity-enums";

/** Money given to a project by a funder, for one year. */
@Entity("funding")
@ObjectType({ implements: Node, description: "A funding of a project by an organisation, for one year." })
export class Funding implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "integer" })
  projectId: number;

  @Column({ type: "integer" })
  funderId: number;

  @Column({ type: "numeric", precision: 14, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Field(() => Float, { description: "Amount in euros (two decimals)." })
  amountEur: number;

  @Column({ type: "smallint" })
  @Field(() => Int, { description: "Year the funding is for." })
  year: number;

  @Column({ type: "text" })
  @Field(() => FundingScheme, { description: "Scheme." })
  scheme: FundingScheme;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Name of the scheme or call, in words." })
  schemeLabel: string | null;

  get nodeId(): string {
    return toGlobalId("Funding", this.id);
  }
}
