import { Field, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, UpdateDateColumn, VersionColumn } from "typeorm";
import { DateTimeScalar } from "../schema/scalars";

/**
 * Columns shared by every record users edit: when it was created and changed, and its version for optimistic locking.
 * Registered as a type only so that its fields are inherited; it is never referenced, so never emitted.
 */
@ObjectType({ description: "Base of tracked records (never exposed by itself)." })
export abstract class TrackedRecord {
  @CreateDateColumn({ type: "timestamptz" })
  @Field(() => DateTimeScalar, { description: "When the record was created." })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  @Field(() => DateTimeScalar, { description: "When the record last changed." })
  updatedAt: Date;

  @VersionColumn({ type: "integer" })
  @Field(() => Int, { description: "Version, incremented by each change; send it back with an update to detect conflicts." })
  version: number;
}

/** A tracked record that can be archived (soft-deleted) and restored. */
@ObjectType({ description: "Base of archivable records (never exposed by itself)." })
export abstract class ArchivableRecord extends TrackedRecord {
  @Column({ type: "timestamptz", nullable: true })
  @Field(() => DateTimeScalar, { nullable: true, description: "When the record was archived, or null. Archived records are left out of lists; a lookup by id still returns them." })
  archivedAt: Date | null;
}
