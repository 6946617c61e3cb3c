import { Field, InputType, Int } from "type-graphql";
import { FreeText } from "../string-arguments";
import { createInput, updateInput } from "./common-inputs";

@InputType({ description: "Fields of a proposal of the advocacy paper (never exposed by itself)." })
export class ProposalFields {
  @Field(() => Int, { nullable: true, description: "Number of the proposal in the paper, 1 to 16, unique; required on creation." })
  number?: number | null;

  @Field(() => Int, { nullable: true, description: "Number of the stake it belongs to, 1 to 4; required on creation. It cannot move to a stake that projects or good practices carrying it forward do not address." })
  stakeNumber?: number | null;

  @Field(() => String, { nullable: true, description: "Title, as the paper words it (1 to 500 characters); required on creation." })
  @FreeText()
  title?: string | null;

  @Field(() => String, { nullable: true, description: "Summary (at most 2,000 characters)." })
  @FreeText()
  summary?: string | null;
}

export const CreateProposalInput = createInput(ProposalFields, "CreateProposalInput", "A proposal of the advocacy paper, as the paper words it.");
export type CreateProposalInput = InstanceType<typeof CreateProposalInput>;
export const UpdateProposalInput = updateInput(ProposalFields, "UpdateProposalInput", "Changes to a proposal of the advocacy paper.");
export type UpdateProposalInput = InstanceType<typeof UpdateProposalInput>;
