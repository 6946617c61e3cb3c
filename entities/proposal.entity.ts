import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";

/** One of the 16 proposals of the advocacy paper, loaded by an administrator. */
@Entity("proposal")
@ObjectType({ implements: Node, description: "A proposal of the advocacy paper, under one stake (loaded by an administrator)." })
export class Proposal implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "smallint" })
  @Field(() => Int, { description: "Number of the proposal in the paper." })
  number: number;

  @Column({ type: "smallint" })
  stakeNumber: number;

  @Column({ type: "text" })
  @Field({ description: "Title of the proposal." })
  title: string;

  get nodeId(): string {
    return toGlobalId("Proposal", this.id);
  }
}
