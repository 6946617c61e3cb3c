import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";

/** The part an organisation takes in a project. */
export enum ParticipantRole {
  LEAD = "LEAD",
  PARTNER = "PARTNER",
  FUNDER = "FUNDER",
  SUPPORT = "SUPPORT",
}
registerEnumType(ParticipantRole, {
  name: "ParticipantRole",
  description: "Role of an organisation in a project.",
  valuesConfig: {
    LEAD: { description: "Leads the project (porteur)." },
    PARTNER: { description: "Partner in the project." },
    FUNDER: { description: "Funds the project." },
    SUPPORT: { description: "Supports it (DLA, PIVA, network head...)." },
  },
});

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
