import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { LocalDateScalar } from "../schema/scalars";
import { ArchivableRecord } from "./tracked-record";

/** An organisation's membership of a network (fédération, union, tête de réseau). */
@Entity("membership")
@ObjectType({ implements: Node, description: "Membership of an organisation in a network head (fédération, union, tête de réseau)." })
export class Membership extends ArchivableRecord implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "integer" })
  networkId: number;

  @Column({ type: "integer" })
  memberId: number;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: "Date the member joined." })
  joinedOn: string | null;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: "Date the member left; null while it is a member." })
  leftOn: string | null;

  @Column({ type: "boolean", default: true })
  @Field({ description: "Whether the member has confirmed it: a network manager's invitation counts nowhere (not federated, no cooperation link) until the member's editor or an admin confirms it." })
  confirmed: boolean;

  get nodeId(): string {
    return toGlobalId("Membership", this.id);
  }
}
