import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { TrackedRecord } from "./tracked-record";

/**
 * One of the 16 proposals of the advocacy paper. Its texts are not published with this project: an
 * administrator loads them (createProposal, updateProposal, `npm run load:proposals`), never invented.
 */
@Entity("proposal")
@ObjectType({ implements: Node, description: "A proposal of the advocacy paper, under one stake (loaded by an administrator)." })
export class Proposal extends TrackedRecord implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "smallint" })
  @Field(() => Int, { description: "Number of the proposal in the paper, 1 to 16." })
  number: number;

  @Column({ type: "smallint" })
  @Field(() => Int, { description: "Number of the stake it belongs to, 1 to 4 (see `stake`)." })
  stakeNumber: number;

  @Column({ type: "text" })
  @Field({ description: "Title of the proposal." })
  title: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Summary of the proposal, when one was loaded." })
  summary: string | null;

  get nodeId(): string {
    return toGlobalId("Proposal", this.id);
  }
}
