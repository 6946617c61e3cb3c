import { ClassType, Field, Float, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A point, in WGS 84 degrees." })
export class GeoPointInput {
  @Field(() => Float, { description: "Latitude, -90 to 90." })
  latitude: number;

  @Field(() => Float, { description: "Longitude, -180 to 180." })
  longitude: number;
}

const IDEMPOTENCY_KEY =
  "Idempotency key (1 to 200 characters), unique per request you make: resending the same input with the same key returns the first result with no second effect; the same key with another input is refused (IDEMPOTENCY_KEY_REUSED). Keys are kept per signed-in user.";

/** What every mutation input carries besides its fields. */
export interface MutationInput {
  idempotencyKey?: string | null;
}

/** What every update input carries: the record, the version the client read, and an idempotency key. */
export interface UpdateInput extends MutationInput {
  id: string;
  version: number;
}

/** A create input: the record's fields and an idempotency key. */
export function createInput<T extends object>(Fields: ClassType<T>, name: string, description: string): ClassType<T & MutationInput> {
  @InputType(name, { description })
  class Create extends (Fields as ClassType<object>) {
    @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY })
    idempotencyKey?: string | null;
  }
  return Create as ClassType<T & MutationInput>;
}

/** An update input: the record's id and version, the fields to change (left out: unchanged; null: cleared), an idempotency key. */
export function updateInput<T extends object>(Fields: ClassType<T>, name: string, description: string): ClassType<T & UpdateInput> {
  @InputType(name, { description })
  class Update extends (Fields as ClassType<object>) {
    @Field(() => ID, { description: "Global id of the record to change." })
    id: string;

    @Field(() => Int, { description: "The record's `version` as you read it: if it changed since, nothing is written and VERSION_CONFLICT is returned." })
    version: number;

    @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY })
    idempotencyKey?: string | null;
  }
  return Update as ClassType<T & UpdateInput>;
}

@InputType({ description: "No fields of its own (never exposed by itself)." })
class NoFields {}

/** Archive or restore a record: its id and the version read. */
export const ArchiveInput = updateInput(NoFields, "ArchiveInput", "A record to archive or restore, with the version you read.");
export type ArchiveInput = InstanceType<typeof ArchiveInput>;
