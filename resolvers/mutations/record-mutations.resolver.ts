import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { Node } from "../../schema/node.interface";
import { ArchiveInput } from "../../schema/mutations/common-inputs";
import { PayloadValue } from "../../schema/mutations/payload";
import { recordPayload } from "./record-payload";
import { RequestContext } from "../../server/context";
import { setArchived } from "../../server/mutations/archive-writes";
import { runMutation } from "../../server/mutations/run-mutation";

export const ArchivePayload = recordPayload("ArchivePayload", "record", () => Node, "Result of archiving or restoring a record.");

/** Archive and restore, for every archivable record (organisations, memberships, projects, events, signatures, good practices). */
@Resolver()
export class RecordMutationsResolver {
  @Mutation(() => ArchivePayload.Payload, {
    description: "Archives a record: it leaves every list, search and figure but stays readable by id; whoever may change the record may archive it.",
  })
  archive(@Arg("input", () => ArchiveInput, { description: "What to write." }) input: ArchiveInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "archive", input, idempotencyKey: input.idempotencyKey }, (tx) => setArchived(tx, input, true));
  }

  @Mutation(() => ArchivePayload.Payload, { description: "Restores an archived record as it was." })
  restore(@Arg("input", () => ArchiveInput, { description: "What to write." }) input: ArchiveInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "restore", input, idempotencyKey: input.idempotencyKey }, (tx) => setArchived(tx, input, false));
  }
}
