import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { LocalDateScalar } from "../schema/scalars";
import { ArchivableRecord } from "./tracked-record";

/** An organisation's signature of the charter for inter-associative cooperation in QPV. */
@Entity("charter_signature")
@ObjectType({ implements: Node, description: "Signature of the charter for inter-associative cooperation in QPV by an organisation." })
export class CharterSignature extends ArchivableRecord implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "integer" })
  organizationId: number;

  @Column({ type: "date" })
  @Field(() => LocalDateScalar, { description: "Date of signature." })
  signedOn: string;

  @Column({ type: "text", nullable: true })
  communeInseeCode: string | null;

  @Column({ type: "text", nullable: true })
  qpvCode: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: 'Role of the signatory in the organisation, e.g. "présidente" (no name is stored).' })
  signatoryRole: string | null;

  get nodeId(): string {
    return toGlobalId("CharterSignature", this.id);
  }
}
