import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { LocalDateScalar } from "../schema/scalars";
import { ArchivableRecord } from "./tracked-record";
import { MembershipParty } from "../schema/enums/organization-enums";

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

  @Column({ type: "text", nullable: true })
  @Field(() => MembershipParty, { nullable: true, description: "Who ended it (set leftOn); null while it runs, or when unknown (ended before this was recorded). The network may invite back a member that left, as a new invitation; a member never rejoins by itself a membership the network ended." })
  endedBy: MembershipParty | null;

  @Column({ type: "text", nullable: true })
  @Field(() => MembershipParty, { nullable: true, description: "Who archived it; null unless archived. A party restores what it archived; the network restores what the member archived only as a new invitation; only an admin restores what an admin archived." })
  archivedBy: MembershipParty | null;

  get nodeId(): string {
    return toGlobalId("Membership", this.id);
  }
}
