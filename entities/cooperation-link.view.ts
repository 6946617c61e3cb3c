import { Field, Int, ObjectType } from "type-graphql";
import { PrimaryColumn, ViewColumn, ViewEntity } from "typeorm";
import { CooperationKind } from "../schema/inputs/cooperation-filters";
import { LocalDateScalar } from "../schema/scalars";

/** A cooperation link seen from one organisation: a row of the `cooperation_link` view (see its migration). */
@ViewEntity({ name: "cooperation_link" })
@ObjectType({ description: "A cooperation link between two organisations, seen from one of them: what they do together, how much, and when last." })
export class CooperationLink {
  @PrimaryColumn({ type: "integer" })
  organizationId: number;

  @PrimaryColumn({ type: "integer" })
  partnerId: number;

  @ViewColumn()
  @Field(() => [CooperationKind], { description: "Kinds of cooperation between them." })
  kinds: CooperationKind[];

  @ViewColumn()
  @Field(() => Int, { description: "Weight: the number of pieces of cooperation (shared projects, co-organised events, fundings, memberships)." })
  weight: number;

  @ViewColumn()
  @Field(() => Int, { description: "Projects both take part in." })
  projectCount: number;

  @ViewColumn()
  @Field(() => Int, { description: "Events both organise." })
  eventCount: number;

  @ViewColumn()
  @Field(() => Int, { description: "Fundings from one to a project of the other." })
  fundingCount: number;

  @ViewColumn()
  @Field(() => Int, { description: "Network memberships between them (0 or 1)." })
  membershipCount: number;

  @ViewColumn()
  @Field(() => LocalDateScalar, { description: "Date of their last cooperation: a running project or membership counts as today, one still to come as its start; a funding as the last day of its year (today for this year)." })
  lastActivityOn: string;
}
