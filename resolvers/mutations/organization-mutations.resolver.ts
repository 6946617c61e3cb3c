import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { Association } from "../../entities/association.entity";
import { Partner } from "../../entities/partner.entity";
import { CreateAssociationInput, CreatePartnerInput, UpdateAssociationInput, UpdatePartnerInput } from "../../schema/mutations/organization-inputs";
import { PayloadValue } from "../../schema/mutations/payload";
import { recordPayload } from "./record-payload";
import { RequestContext } from "../../server/context";
import { createAssociation, createPartner, updateAssociation, updatePartner } from "../../server/mutations/organization-writes";
import { runMutation } from "../../server/mutations/run-mutation";

export const AssociationPayload = recordPayload("AssociationPayload", "association", () => Association, "Result of a change to an association.");
export const PartnerPayload = recordPayload("PartnerPayload", "partner", () => Partner, "Result of a change to a partner.");

/** Writes of associations and partners (archive and restore: see RecordMutationsResolver). */
@Resolver()
export class OrganizationMutationsResolver {
  @Mutation(() => AssociationPayload.Payload, { description: "Records an association. Admins only (associations edit their own record; the RNA import loads the register)." })
  createAssociation(@Arg("input", () => CreateAssociationInput, { description: "What to write." }) input: CreateAssociationInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "createAssociation", input, idempotencyKey: input.idempotencyKey }, (tx) => createAssociation(tx, input));
  }

  @Mutation(() => AssociationPayload.Payload, { description: "Changes an association: admins, and the association's own editors." })
  updateAssociation(@Arg("input", () => UpdateAssociationInput, { description: "What to write." }) input: UpdateAssociationInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "updateAssociation", input, idempotencyKey: input.idempotencyKey }, (tx) => updateAssociation(tx, input));
  }

  @Mutation(() => PartnerPayload.Payload, { description: "Records a partner: admins, and policy officers for a head office in their territories." })
  createPartner(@Arg("input", () => CreatePartnerInput, { description: "What to write." }) input: CreatePartnerInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "createPartner", input, idempotencyKey: input.idempotencyKey }, (tx) => createPartner(tx, input));
  }

  @Mutation(() => PartnerPayload.Payload, { description: "Changes a partner: admins, and policy officers of its territory." })
  updatePartner(@Arg("input", () => UpdatePartnerInput, { description: "What to write." }) input: UpdatePartnerInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "updatePartner", input, idempotencyKey: input.idempotencyKey }, (tx) => updatePartner(tx, input));
  }
}
