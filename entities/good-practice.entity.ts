import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { LocalDateScalar } from "../schema/scalars";
import { ArchivableRecord } from "./tracked-record";

/** A good practice of the guide: a monograph of local cooperation. */
@Entity("good_practice")
@ObjectType({ implements: Node, description: "A good practice of inter-associative cooperation (guide and monographs)." })
export class GoodPractice extends ArchivableRecord implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "text" })
  @Field({ description: "Title." })
  title: string;

  @Column({ type: "text" })
  @Field({ description: "Summary." })
  summary: string;

  @Column({ type: "text" })
  @Field({ description: "Full text (plain text with paragraphs)." })
  body: string;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: "Date of publication." })
  publishedOn: string | null;

  get nodeId(): string {
    return toGlobalId("GoodPractice", this.id);
  }
}
