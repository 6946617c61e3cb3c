import { ArgsType, Field, ID, InputType } from "type-graphql";
import { AuditAction } from "../enums/audit-enums";
import { PageArgs } from "../page-args";
import { DateTimeScalar } from "../scalars";

@InputType({ description: "Which changes of the audit trail." })
export class AuditEntryFilter {
  @Field(() => ID, { nullable: true, description: "Changes of this record (global id)." })
  recordId?: string | null;

  @Field(() => String, { nullable: true, description: "Changes made by this subject." })
  actorSubject?: string | null;

  @Field(() => [AuditAction], { nullable: true, description: "Only these actions." })
  actions?: AuditAction[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Changes at or after this instant." })
  since?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Changes before this instant." })
  until?: Date | null;
}

/** Arguments of the audit trail. */
@ArgsType()
export class AuditEntriesArgs extends PageArgs {
  @Field(() => AuditEntryFilter, { nullable: true, description: "Which changes." })
  filter?: AuditEntryFilter | null;
}
