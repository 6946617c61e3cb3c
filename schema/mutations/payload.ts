import { ClassType, Field, ObjectType, registerEnumType } from "type-graphql";
import { NodeTypeName } from "../global-id";

/** Stable codes of expected business failures, returned in mutation payloads (never as GraphQL errors). */
export type MutationErrorCode =
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "VERSION_CONFLICT"
  | "DUPLICATE_RNA"
  | "DUPLICATE_SIRET"
  | "DUPLICATE_MEMBERSHIP"
  | "ALREADY_SIGNED"
  | "DUPLICATE_PROPOSAL"
  | "IDEMPOTENCY_KEY_REUSED";

/** One business failure: its code, a sentence for people, and the input field it is about, if any. */
export interface MutationErrorValue {
  code: MutationErrorCode;
  message: string;
  path: string[] | null;
}

/** The record a mutation created or changed. */
export interface RecordRef {
  type: NodeTypeName;
  id: number;
}

/** What a mutation answers: the record, or typed errors; `replayed` when an idempotency key returned a stored result. */
export interface MutationResult {
  record: RecordRef | null;
  errors: MutationErrorValue[];
  replayed: boolean;
}

const CODES: Record<MutationErrorCode, string> = {
  INVALID_INPUT: "A field of the input is invalid; `path` names it.",
  NOT_FOUND: "The record does not exist, or you may not see it.",
  FORBIDDEN: "You may not make this change (sign in, or it is outside your role or territories).",
  VERSION_CONFLICT: "The record changed since you read it: read it again and resend with its new version.",
  DUPLICATE_RNA: "An association with this RNA number is already recorded.",
  DUPLICATE_SIRET: "An organisation with this SIRET number is already recorded.",
  DUPLICATE_MEMBERSHIP: "The organisation is already a member of the network.",
  ALREADY_SIGNED: "The organisation has already signed the charter.",
  DUPLICATE_PROPOSAL: "A proposal with this number is already loaded.",
  IDEMPOTENCY_KEY_REUSED: "The idempotency key was already used with a different input.",
};

export const MutationErrorCodeEnum = Object.fromEntries(Object.keys(CODES).map((c) => [c, c])) as Record<MutationErrorCode, MutationErrorCode>;
registerEnumType(MutationErrorCodeEnum, {
  name: "MutationErrorCode",
  description: "Stable codes of the expected failures of a mutation.",
  valuesConfig: Object.fromEntries(Object.entries(CODES).map(([code, description]) => [code, { description }])),
});

@ObjectType({ description: "An expected failure of a mutation: nothing was changed." })
export class MutationError implements MutationErrorValue {
  @Field(() => MutationErrorCodeEnum, { description: "Stable code, for programs." })
  code: MutationErrorCode;

  @Field({ description: "What went wrong, for people." })
  message: string;

  @Field(() => [String], { nullable: true, description: 'Path of the input field concerned, from the argument, e.g. ["input", "contacts", "0", "email"].' })
  path: string[] | null;
}

/** The value a payload resolves from: the mutation's result. */
export type PayloadValue = MutationResult;

/**
 * Builds a mutation payload type: the record changed (resolved by the payload's field resolver, as
 * the viewer may see it), the typed errors, and whether an idempotency key replayed a stored result.
 */
export function PayloadType(name: string, description: string) {
  @ObjectType(name, { description })
  abstract class Payload {
    @Field(() => [MutationError], { description: "Expected failures; empty when the mutation succeeded. When not empty, nothing was changed." })
    errors: MutationError[];

    @Field({ description: "True when an idempotency key already seen returned the first result, with no second effect." })
    replayed: boolean;
  }
  return Payload as unknown as ClassType<PayloadValue>;
}
