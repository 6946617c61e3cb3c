import { ClassType, Ctx, Field, FieldResolver, ObjectType, registerEnumType, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../server/context";
import { loadNodeByKey } from "../../server/queries/node-lookup";
import { Node } from "../node.interface";
import { MutationErrorCode, MutationErrorValue } from "../../server/mutations/mutation-failure";
import { MutationResult } from "../../server/mutations/run-mutation";

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

/**
 * A payload type for mutations of one kind of record, and the resolver of its record field: the
 * record is loaded after the transaction, as the viewer may now see it.
 */
export function recordPayload(name: string, field: string, recordType: () => Function, description: string) {
  const Payload = PayloadType(name, description);
  @Resolver(() => Payload)
  class RecordPayloadResolver {
    @FieldResolver(recordType, { name: field, nullable: true, description: `The ${field} as it now is; null when the mutation failed.` })
    record(@Root() payload: PayloadValue, @Ctx() ctx: RequestContext): Promise<Node | null> | null {
      return payload.record ? loadNodeByKey(ctx, payload.record.type, payload.record.id) : null;
    }
  }
  return { Payload, Resolver: RecordPayloadResolver };
}
