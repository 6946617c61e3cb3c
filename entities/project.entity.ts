import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { LocalDateScalar } from "../schema/scalars";
import { ArchivableRecord } from "./tracked-record";
import { ProjectStatus } from "../schema/enums/activity-enums";

/** A cooperation project run by associations and partners together. */
@Entity("project")
@ObjectType({ implements: Node, description: "A cooperation project that associations and city-policy actors run together." })
export class CooperationProject extends ArchivableRecord implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "text" })
  @Field({ description: "Title." })
  title: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Summary." })
  summary: string | null;

  @Column({ type: "text" })
  @Field(() => ProjectStatus, { description: "Status." })
  status: ProjectStatus;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: "Start date." })
  startDate: string | null;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: "End date (on or after the start date)." })
  endDate: string | null;

  @Column({ type: "integer", nullable: true })
  @Field(() => Int, { nullable: true, description: "Residents reached (counted, never named)." })
  residentsReached: number | null;

  @Column({ type: "boolean", default: false })
  @Field({ description: "A draft is seen only by those responsible for it (admins, officers of its territory, its organisations' editors) and counted nowhere until published." })
  draft: boolean;

  get nodeId(): string {
    return toGlobalId("CooperationProject", this.id);
  }
}
