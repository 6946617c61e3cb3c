import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { ParticipantRole } from "../schema/enums/activity-enums";

/** An organisation taking part in a project, with its role. */
@Entity("project_participant")
@ObjectType({ implements: Node, description: "An organisation's participation in a cooperation project, with its role." })
export class ProjectParticipant implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "integer" })
  projectId: number;

  @Column({ type: "integer" })
  organizationId: number;

  @Column({ type: "text" })
  @Field(() => ParticipantRole, { description: "Role in the project." })
  role: ParticipantRole;

  get nodeId(): string {
    return toGlobalId("ProjectParticipant", this.id);
  }
}
