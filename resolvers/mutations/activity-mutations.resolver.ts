import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { CharterSignature } from "../../entities/charter-signature.entity";
import { GoodPractice } from "../../entities/good-practice.entity";
import { Membership } from "../../entities/membership.entity";
import { ParticipationEvent } from "../../entities/participation-event.entity";
import { CooperationProject } from "../../entities/project.entity";
import {
  CreateEventInput, CreateGoodPracticeInput, CreateMembershipInput, CreateProjectInput, SignCharterInput,
  UpdateCharterSignatureInput, UpdateEventInput, UpdateGoodPracticeInput, UpdateMembershipInput, UpdateProjectInput,
} from "../../schema/mutations/activity-inputs";
import { PayloadValue } from "../../schema/mutations/payload";
import { recordPayload } from "./record-payload";
import { RequestContext } from "../../server/context";
import { signCharter, updateCharterSignature } from "../../server/mutations/charter-writes";
import { createEvent, updateEvent } from "../../server/mutations/event-writes";
import { createGoodPractice, updateGoodPractice } from "../../server/mutations/good-practice-writes";
import { createMembership, updateMembership } from "../../server/mutations/membership-writes";
import { createProject, updateProject } from "../../server/mutations/project-writes";
import { runMutation } from "../../server/mutations/run-mutation";

export const MembershipPayload = recordPayload("MembershipPayload", "membership", () => Membership, "Result of a change to a membership.");
export const ProjectPayload = recordPayload("ProjectPayload", "project", () => CooperationProject, "Result of a change to a cooperation project.");
export const EventPayload = recordPayload("EventPayload", "event", () => ParticipationEvent, "Result of a change to a participation event.");
export const CharterSignaturePayload = recordPayload("CharterSignaturePayload", "signature", () => CharterSignature, "Result of a change to a charter signature.");
export const GoodPracticePayload = recordPayload("GoodPracticePayload", "goodPractice", () => GoodPractice, "Result of a change to a good practice.");

/** Writes of memberships, projects, events, charter signatures and good practices. */
@Resolver()
export class ActivityMutationsResolver {
  @Mutation(() => MembershipPayload.Payload, { description: "Adds a member to a network: admins, and the network's managers." })
  createMembership(@Arg("input", () => CreateMembershipInput, { description: "What to write." }) input: CreateMembershipInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "createMembership", input, idempotencyKey: input.idempotencyKey }, (tx) => createMembership(tx, input));
  }

  @Mutation(() => MembershipPayload.Payload, { description: "Changes a membership's dates (e.g. the member left): admins, and the network's managers." })
  updateMembership(@Arg("input", () => UpdateMembershipInput, { description: "What to write." }) input: UpdateMembershipInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "updateMembership", input, idempotencyKey: input.idempotencyKey }, (tx) => updateMembership(tx, input));
  }

  @Mutation(() => ProjectPayload.Payload, {
    description: "Records a cooperation project with its participants and fundings: admins, and policy officers for a project with a QPV or its lead in their territories.",
  })
  createProject(@Arg("input", () => CreateProjectInput, { description: "What to write." }) input: CreateProjectInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "createProject", input, idempotencyKey: input.idempotencyKey }, (tx) => createProject(tx, input));
  }

  @Mutation(() => ProjectPayload.Payload, { description: "Changes a cooperation project, its participants and fundings: admins, and policy officers of its territory." })
  updateProject(@Arg("input", () => UpdateProjectInput, { description: "What to write." }) input: UpdateProjectInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "updateProject", input, idempotencyKey: input.idempotencyKey }, (tx) => updateProject(tx, input));
  }

  @Mutation(() => EventPayload.Payload, {
    description: "Records a participation event with its organisers: admins, policy officers of its venue's or QPV's territory, and editors of an organiser.",
  })
  createEvent(@Arg("input", () => CreateEventInput, { description: "What to write." }) input: CreateEventInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "createEvent", input, idempotencyKey: input.idempotencyKey }, (tx) => createEvent(tx, input));
  }

  @Mutation(() => EventPayload.Payload, { description: "Changes a participation event, e.g. its attendance counts once held: same roles as creation." })
  updateEvent(@Arg("input", () => UpdateEventInput, { description: "What to write." }) input: UpdateEventInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "updateEvent", input, idempotencyKey: input.idempotencyKey }, (tx) => updateEvent(tx, input));
  }

  @Mutation(() => CharterSignaturePayload.Payload, { description: "Signs the charter for inter-associative cooperation for an organisation: admins, and the organisation's editors." })
  signCharter(@Arg("input", () => SignCharterInput, { description: "What to write." }) input: SignCharterInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "signCharter", input, idempotencyKey: input.idempotencyKey }, (tx) => signCharter(tx, input));
  }

  @Mutation(() => CharterSignaturePayload.Payload, { description: "Changes a charter signature: admins, and the organisation's editors." })
  updateCharterSignature(@Arg("input", () => UpdateCharterSignatureInput, { description: "What to write." }) input: UpdateCharterSignatureInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "updateCharterSignature", input, idempotencyKey: input.idempotencyKey }, (tx) => updateCharterSignature(tx, input));
  }

  @Mutation(() => GoodPracticePayload.Payload, { description: "Adds a good practice to the guide: admins." })
  createGoodPractice(@Arg("input", () => CreateGoodPracticeInput, { description: "What to write." }) input: CreateGoodPracticeInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "createGoodPractice", input, idempotencyKey: input.idempotencyKey }, (tx) => createGoodPractice(tx, input));
  }

  @Mutation(() => GoodPracticePayload.Payload, { description: "Changes a good practice: admins." })
  updateGoodPractice(@Arg("input", () => UpdateGoodPracticeInput, { description: "What to write." }) input: UpdateGoodPracticeInput, @Ctx() ctx: RequestContext): Promise<PayloadValue> {
    return runMutation(ctx, { operation: "updateGoodPractice", input, idempotencyKey: input.idempotencyKey }, (tx) => updateGoodPractice(tx, input));
  }
}
