import { Field, ID, Int, ObjectType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { NodeTypeName, toGlobalId } from "../schema/global-id";
import { DateTimeScalar } from "../schema/scalars";
import { AuditAction } from "../schema/enums/audit-enums";

/** One change of the audit trail, written in the same transaction as the change, never altered. */
@Entity("audit_entry")
@ObjectType({ description: "One change of the audit trail: who, when, what, and the record before and after. Append-only." })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: "integer" })
  @Field(() => Int, { description: "Sequence number: later changes have larger numbers." })
  id: number;

  @Column({ type: "timestamptz" })
  @Field(() => DateTimeScalar, { description: "When the change was committed (its transaction's time)." })
  occurredAt: Date;

  @Column({ type: "text" })
  @Field({ description: "Who made it: the subject (`sub`) of their token." })
  actorSubject: string;

  @Column({ type: "text" })
  @Field({ description: "The role they acted in." })
  actorRole: string;

  @Column({ type: "text" })
  @Field(() => AuditAction, { description: "What the change did." })
  action: AuditAction;

  @Column({ type: "text" })
  @Field({ description: 'Type of the record, e.g. "Association".' })
  recordType: string;

  @Column({ type: "integer" })
  recordId: number;

  @Column({ type: "integer", array: true })
  organizationIds: number[];

  @Column({ type: "jsonb", nullable: true })
  @Field(() => GraphQLJSONObject, { nullable: true, description: "The record before the change (with its related rows); null for a creation." })
  before: Record<string, unknown> | null;

  @Column({ type: "jsonb", nullable: true })
  @Field(() => GraphQLJSONObject, { nullable: true, description: "The record after the change (with its related rows)." })
  after: Record<string, unknown> | null;

  @Field(() => ID, { description: "Global id of the record changed." })
  get recordNodeId(): string {
    return toGlobalId(this.recordType as NodeTypeName, this.recordId);
  }

  @Field(() => [String], { description: "Top-level fields whose value differs between before and after (database names)." })
  get changedFields(): string[] {
    const before = this.before ?? {};
    const after = this.after ?? {};
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    // A field absent on one side (before a creation) counts as null.
    const same = (k: string) => JSON.stringify(before[k] ?? null) === JSON.stringify(after[k] ?? null);
    return [...keys].filter((k) => !["version", "updated_at"].includes(k) && !same(k)).sort();
  }
}
