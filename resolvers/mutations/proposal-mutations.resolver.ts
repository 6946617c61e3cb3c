import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { Proposal } from "../../entities/proposal.entity";
import { PayloadValue } from "../../schema/mutations/payload";
import { recordPayload } from "./record-payload";
import { CreateProposalInput, UpdateProposalInput } from "../../schema/mutations/proposal-inputs";
import { RequestContext } from "../../server/context";
import { createProposal, updateProposal } from "../../server/mutations/proposal-writes";
import { runMutation } from "../../server/mutations/run-mutation";

export const ProposalPayload = recordPayload("ProposalPayload", "proposal", () => Proposal, "Result of a change to a proposal of the advocacy paper.");

/** Writes of the advocacy paper's proposals (admins; `npm run load:proposals` loads a whole file the same way). */
@Resolver()
export class ProposalMutationsResolver {
  @Mutation(() => ProposalPayload.Payload, {
    description: "Loads one proposal of the advocacy paper (number, stake, title as the paper words them): admins. Proposals are corrected, never archived.",
  })
  createProposal(@Arg("input", () => CreateProposalInput, { description: "What to write." }) input: CreateProposalInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "createProposal", input, idempotencyKey: input.idempotencyKey }, (tx) => createProposal(tx, input));
  }

  @Mutation(() => ProposalPayload.Payload, { description: "Corrects a proposal of the advocacy paper: admins." })
  updateProposal(@Arg("input", () => UpdateProposalInput, { description: "What to write." }) input: UpdateProposalInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "updateProposal", input, idempotencyKey: input.idempotencyKey }, (tx) => updateProposal(tx, input));
  }
}
