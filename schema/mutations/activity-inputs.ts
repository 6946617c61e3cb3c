import { Field, Float, ID, InputType, Int } from "type-graphql";
import { AccessibilityFeature, EventKind, FundingScheme, ParticipantRole, ProjectStatus } from "../enums/activity-enums";
import { DateTimeScalar, LocalDateScalar } from "../scalars";
import { FreeText } from "../string-arguments";
import { createInput, GeoPointInput, updateInput } from "./common-inputs";

// In every update, a field left out stays as it is and null clears it; a list given replaces the previous one.

@InputType({ description: "Fields of a network membership (never exposed by itself)." })
export class MembershipFields {
  @Field(() => LocalDateScalar, { nullable: true, description: "Date the member joined." })
  joinedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date the member left (on or after joining); null while it is a member." })
  leftOn?: string | null;
}

@InputType({ description: "Fields of a membership update (never exposed by itself)." })
export class MembershipChanges extends MembershipFields {
  @Field(() => Boolean, { nullable: true, description: "true: the member confirms a network's invitation (the member's editors and admins only)." })
  confirmed?: boolean | null;
}

@InputType({ description: "Network and member of a new membership (never exposed by itself)." })
export class NewMembershipFields extends MembershipFields {
  @Field(() => ID, { description: "The network head (an organisation's global id)." })
  networkId: string;

  @Field(() => ID, { description: "The member (an organisation's global id)." })
  memberId: string;
}

export const CreateMembershipInput = createInput(NewMembershipFields, "CreateMembershipInput", "A new membership of an organisation in a network.");
export type CreateMembershipInput = InstanceType<typeof CreateMembershipInput>;
export const UpdateMembershipInput = updateInput(MembershipChanges, "UpdateMembershipInput", "Changes to a membership: its dates, or its confirmation by the member.");
export type UpdateMembershipInput = InstanceType<typeof UpdateMembershipInput>;

@InputType({ description: "An organisation taking part in a project." })
export class ParticipantInput {
  @Field(() => ID, { description: "The organisation (global id)." })
  organizationId: string;

  @Field(() => ParticipantRole, { description: "Its role." })
  role: ParticipantRole;
}

@InputType({ description: "A funding of the project by an organisation, for one year." })
export class FundingInput {
  @Field(() => ID, { description: "The funder (an organisation's global id)." })
  funderId: string;

  @Field(() => Float, { description: "Amount in euros, 0 or more, at most two decimals." })
  amountEur: number;

  @Field(() => Int, { description: "Year (1990 to 2100)." })
  year: number;

  @Field(() => FundingScheme, { description: "Scheme." })
  scheme: FundingScheme;

  @Field(() => String, { nullable: true, description: "Name of the scheme or call, in words (at most 200 characters)." })
  @FreeText()
  schemeLabel?: string | null;
}

@InputType({ description: "Fields of a cooperation project (never exposed by itself)." })
export class ProjectFields {
  @Field(() => String, { nullable: true, description: "Title (1 to 300 characters); required on creation." })
  @FreeText()
  title?: string | null;

  @Field(() => String, { nullable: true, description: "Summary (at most 5,000 characters)." })
  @FreeText()
  summary?: string | null;

  @Field(() => ProjectStatus, { nullable: true, description: "Status; PROPOSED on creation when left out." })
  status?: ProjectStatus | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Start date." })
  startDate?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "End date (on or after the start)." })
  endDate?: string | null;

  @Field(() => Int, { nullable: true, description: "Residents reached (counted, never named; 0 or more)." })
  residentsReached?: number | null;

  @Field(() => Boolean, { nullable: true, description: "A draft is seen only by those responsible for it; false on creation when left out." })
  draft?: boolean | null;

  @Field(() => [ParticipantInput], { nullable: true, description: "Participants and their roles (at most 100)." })
  participants?: ParticipantInput[] | null;

  @Field(() => [FundingInput], { nullable: true, description: "Fundings (at most 200)." })
  fundings?: FundingInput[] | null;

  @Field(() => [String], { nullable: true, description: "QPVs concerned (codes, at most 100)." })
  qpvCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Theme codes (at most 50)." })
  themeCodes?: string[] | null;

  @Field(() => [Int], { nullable: true, description: "Stakes addressed (1 to 4); the stakes of the proposals carried forward are added." })
  stakeNumbers?: number[] | null;

  @Field(() => [Int], {
    nullable: true,
    description: "Numbers of the advocacy paper's proposals carried forward (loaded ones, 1 to 16); each brings its stake to `stakeNumbers`, and keeps it there while carried.",
  })
  proposalNumbers?: number[] | null;
}

export const CreateProjectInput = createInput(ProjectFields, "CreateProjectInput", "A new cooperation project, with its participants and fundings.");
export type CreateProjectInput = InstanceType<typeof CreateProjectInput>;
export const UpdateProjectInput = updateInput(ProjectFields, "UpdateProjectInput", "Changes to a cooperation project.");
export type UpdateProjectInput = InstanceType<typeof UpdateProjectInput>;

@InputType({ description: "Attendance counted at an event: numbers only, residents are never named." })
export class AttendanceInput {
  @Field(() => Int, { nullable: true, description: "Residents who attended (0 or more)." })
  residents?: number | null;

  @Field(() => Int, { nullable: true, description: "Associations represented (0 or more)." })
  associations?: number | null;

  @Field(() => Int, { nullable: true, description: "Everyone who attended (at least the residents)." })
  total?: number | null;
}

@InputType({ description: "Fields of a participation event (never exposed by itself)." })
export class EventFields {
  @Field(() => String, { nullable: true, description: "Title (1 to 300 characters); required on creation." })
  @FreeText()
  title?: string | null;

  @Field(() => String, { nullable: true, description: "Description (at most 5,000 characters)." })
  @FreeText()
  description?: string | null;

  @Field(() => EventKind, { nullable: true, description: "Kind of event; required on creation." })
  kind?: EventKind | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Start; required on creation." })
  startsAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "End (on or after the start); required on creation." })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Name of the venue (at most 300 characters)." })
  @FreeText()
  venueName?: string | null;

  @Field(() => String, { nullable: true, description: "Street address of the venue (at most 500 characters)." })
  @FreeText()
  venueAddress?: string | null;

  @Field(() => String, { nullable: true, description: "INSEE code of the venue's commune; required on creation." })
  communeInseeCode?: string | null;

  @Field(() => GeoPointInput, { nullable: true, description: "Location of the venue." })
  location?: GeoPointInput | null;

  @Field(() => String, { nullable: true, description: "QPV where it takes place (code)." })
  qpvCode?: string | null;

  @Field(() => ID, { nullable: true, description: "The project it belongs to (global id)." })
  projectId?: string | null;

  @Field(() => AttendanceInput, { nullable: true, description: "Attendance counted; replaces the previous counts." })
  attendance?: AttendanceInput | null;

  @Field(() => [AccessibilityFeature], { nullable: true, description: "Accessibility features offered." })
  accessibility?: AccessibilityFeature[] | null;

  @Field(() => Boolean, { nullable: true, description: "A draft is seen only by those responsible for it; false on creation when left out." })
  draft?: boolean | null;

  @Field(() => [ID], { nullable: true, description: "Organisers (organisations' global ids, at least one on creation, at most 50)." })
  organizerIds?: string[] | null;
}

export const CreateEventInput = createInput(EventFields, "CreateEventInput", "A new participation event, with its organisers.");
export type CreateEventInput = InstanceType<typeof CreateEventInput>;
export const UpdateEventInput = updateInput(EventFields, "UpdateEventInput", "Changes to a participation event, e.g. its attendance once held.");
export type UpdateEventInput = InstanceType<typeof UpdateEventInput>;

@InputType({ description: "Fields of a charter signature (never exposed by itself)." })
export class CharterSignatureFields {
  @Field(() => LocalDateScalar, { nullable: true, description: "Date of signature; required when signing." })
  signedOn?: string | null;

  @Field(() => String, { nullable: true, description: "INSEE code of the commune where it was signed." })
  communeInseeCode?: string | null;

  @Field(() => String, { nullable: true, description: "QPV where it was signed (code)." })
  qpvCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Role of the signatory, e.g. "présidente" (no name is stored; at most 200 characters).' })
  @FreeText()
  signatoryRole?: string | null;
}

@InputType({ description: "The organisation signing (never exposed by itself)." })
export class NewCharterSignatureFields extends CharterSignatureFields {
  @Field(() => ID, { description: "The organisation signing (global id)." })
  organizationId: string;
}

export const SignCharterInput = createInput(NewCharterSignatureFields, "SignCharterInput", "An organisation's signature of the charter for inter-associative cooperation.");
export type SignCharterInput = InstanceType<typeof SignCharterInput>;
export const UpdateCharterSignatureInput = updateInput(CharterSignatureFields, "UpdateCharterSignatureInput", "Changes to a charter signature.");
export type UpdateCharterSignatureInput = InstanceType<typeof UpdateCharterSignatureInput>;

@InputType({ description: "Fields of a good practice (never exposed by itself)." })
export class GoodPracticeFields {
  @Field(() => String, { nullable: true, description: "Title (1 to 300 characters); required on creation." })
  @FreeText()
  title?: string | null;

  @Field(() => String, { nullable: true, description: "Summary (at most 2,000 characters); required on creation." })
  @FreeText()
  summary?: string | null;

  @Field(() => String, { nullable: true, description: "Full text (at most 100,000 characters); required on creation." })
  @FreeText()
  body?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date of publication." })
  publishedOn?: string | null;

  @Field(() => [ID], { nullable: true, description: "Organisations it features (global ids)." })
  organizationIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Projects it describes (global ids)." })
  projectIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: "QPVs concerned (codes)." })
  qpvCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Theme codes." })
  themeCodes?: string[] | null;

  @Field(() => [Int], { nullable: true, description: "Stakes addressed (1 to 4); the stakes of the proposals carried forward are added." })
  stakeNumbers?: number[] | null;

  @Field(() => [Int], {
    nullable: true,
    description: "Numbers of the advocacy paper's proposals carried forward (loaded ones, 1 to 16); each brings its stake to `stakeNumbers`, and keeps it there while carried.",
  })
  proposalNumbers?: number[] | null;
}

export const CreateGoodPracticeInput = createInput(GoodPracticeFields, "CreateGoodPracticeInput", "A new good practice of the guide.");
export type CreateGoodPracticeInput = InstanceType<typeof CreateGoodPracticeInput>;
export const UpdateGoodPracticeInput = updateInput(GoodPracticeFields, "UpdateGoodPracticeInput", "Changes to a good practice.");
export type UpdateGoodPracticeInput = InstanceType<typeof UpdateGoodPracticeInput>;
