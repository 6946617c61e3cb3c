import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Node } from "../../schema/node.interface";
import { PayloadType, PayloadValue } from "../../schema/mutations/payload";
import { RequestContext } from "../../server/context";
import { loadNodeByKey } from "../../server/queries/node-lookup";

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
