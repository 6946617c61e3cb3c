import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * A person to contact in an organisation. Personal data: shown only to the viewers responsible for
 * the organisation (see server/access/row-access.ts), never to anonymous users, never logged.
 */
@Entity("organization_contact")
@ObjectType({ description: "A person to contact in an organisation (personal data: shown only to allowed roles)." })
export class OrganizationContact {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "integer" })
  organizationId: number;

  @Column({ type: "smallint" })
  position: number;

  @Column({ type: "text" })
  @Field({ description: "Full name." })
  fullName: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: 'Role in the organisation, e.g. "coordinatrice".' })
  jobTitle: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Email address." })
  email: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Phone number." })
  phone: string | null;
}
