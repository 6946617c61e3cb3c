import { Field, Float, Int, ObjectType } from "type-graphql";
import { ChildEntity, Column } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { LocalDateScalar } from "../schema/scalars";
import { Node } from "../schema/node.interface";
import { Organization } from "./organization.entity";
import { AssociationGrouping, EmployerSize } from "../schema/enums/organization-enums";

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) };

/** An association loi 1901, registered in the RNA. */
@ChildEntity("ASSOCIATION")
@ObjectType({ implements: [Node, Organization], description: "An association (loi 1901 or local law), registered in the RNA." })
export class Association extends Organization {
  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: 'RNA number, e.g. "W595012345" (older associations may have an opaque id).' })
  rna: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Purpose (objet) as declared." })
  purpose: string | null;

  @Column({ type: "text" })
  @Field(() => AssociationGrouping, { description: "Simple association, union or federation." })
  grouping: AssociationGrouping;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: "Date of creation (declaration)." })
  createdOn: string | null;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: "Date of dissolution, if dissolved." })
  dissolvedOn: string | null;

  @Column({ type: "numeric", precision: 8, scale: 2, nullable: true, transformer: numeric })
  @Field(() => Float, { nullable: true, description: "Staff in full-time equivalents (ETP)." })
  staffEtp: number | null;

  @Column({ type: "integer", nullable: true })
  @Field(() => Int, { nullable: true, description: "Number of regular volunteers." })
  volunteers: number | null;

  @Column({ type: "integer", nullable: true })
  @Field(() => Int, { nullable: true, description: "Number of members (adhérents)." })
  members: number | null;

  @Column({ type: "text", insert: false, update: false })
  @Field(() => EmployerSize, { description: "Employer size derived from `staffEtp` (small employer: at most 2 ETP)." })
  employerSize: EmployerSize;

  get nodeId(): string {
    return toGlobalId("Association", this.id);
  }
}
