import { Field, ID, InputType, Int } from "type-graphql";
import { EventKind, FundingScheme, ProjectStatus } from "../enums/activity-enums";
import { PartnerType } from "../enums/organization-enums";
import { DateTimeScalar, LocalDateScalar } from "../scalars";
import { TerritoryFilter } from "./territory-filter";

/** Project criteria; territory criteria apply to the communes of the project's QPVs. */
@InputType({ description: "Filter of cooperation projects. Criteria combine with AND. Territory criteria apply to the communes of the project's QPVs." })
export class ProjectFilter extends TerritoryFilter {
  @Field(() => [ProjectStatus], { nullable: true, description: "Statuses." })
  statuses?: ProjectStatus[] | null;

  @Field(() => [String], { nullable: true, description: "QPV codes the project concerns." })
  qpvCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Theme codes (a top-level theme also matches its sub-themes)." })
  themeCodes?: string[] | null;

  @Field(() => [Int], { nullable: true, description: "Numbers of the stakes addressed (1 to 4)." })
  stakeNumbers?: number[] | null;

  @Field(() => [Int], { nullable: true, description: "Numbers of the advocacy paper's proposals carried forward (1 to 16): projects carrying any of them." })
  proposalNumbers?: number[] | null;

  @Field(() => [ID], { nullable: true, description: "Ids of organisations taking part (any role)." })
  participantIds?: string[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Only projects still running on or after this date (end date on or after it, or none)." })
  activeFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Only projects started on or before this date (start date on or before it, or none)." })
  activeTo?: string | null;
}

/** Event criteria; territory criteria apply to the venue's commune. */
@InputType({ description: "Filter of participation events. Criteria combine with AND. Territory criteria apply to the venue." })
export class EventFilter extends TerritoryFilter {
  @Field(() => [EventKind], { nullable: true, description: "Kinds of events." })
  kinds?: EventKind[] | null;

  @Field(() => [String], { nullable: true, description: "QPV codes of the events." })
  qpvCodes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Ids of organising organisations." })
  organizerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Ids of related projects." })
  projectIds?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only events starting at or after this instant." })
  startsAfter?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only events starting before this instant." })
  startsBefore?: Date | null;
}

/** Good-practice criteria; territory criteria apply to the communes of its QPVs. */
@InputType({ description: "Filter of good practices. Criteria combine with AND. Territory criteria apply to the communes of its QPVs." })
export class GoodPracticeFilter extends TerritoryFilter {
  @Field(() => [ID], { nullable: true, description: "Ids of organisations featured." })
  organizationIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Theme codes." })
  themeCodes?: string[] | null;

  @Field(() => [Int], { nullable: true, description: "Stake numbers (1 to 4)." })
  stakeNumbers?: number[] | null;

  @Field(() => [Int], { nullable: true, description: "Numbers of the advocacy paper's proposals carried forward (1 to 16): good practices carrying any of them." })
  proposalNumbers?: number[] | null;

  @Field(() => [String], { nullable: true, description: "QPV codes." })
  qpvCodes?: string[] | null;
}

/** Charter-signature criteria; territory criteria apply to the commune where it was signed. */
@InputType({ description: "Filter of charter signatures. Criteria combine with AND. Territory criteria apply to the commune of signature." })
export class CharterSignatureFilter extends TerritoryFilter {
  @Field(() => [ID], { nullable: true, description: "Ids of the signatory organisations." })
  organizationIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: "QPV codes where it was signed." })
  qpvCodes?: string[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Only signatures on or after this date." })
  signedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Only signatures on or before this date." })
  signedTo?: string | null;
}

/** Contrat-de-ville criteria; territory criteria apply to the communes of its QPVs. */
@InputType({ description: "Filter of contrats de ville. Criteria combine with AND. Territory criteria apply to the communes of its QPVs." })
export class ContratDeVilleFilter extends TerritoryFilter {
  @Field(() => [String], { nullable: true, description: "QPV codes the contract covers." })
  qpvCodes?: string[] | null;

  @Field(() => Int, { nullable: true, description: "Only contracts in force that year." })
  year?: number | null;
}

/** Funding criteria. */
@InputType({ description: "Filter of fundings. Criteria combine with AND." })
export class FundingFilter {
  @Field(() => ProjectFilter, { nullable: true, description: "Only fundings of the projects this project filter selects (e.g. a territory)." })
  project?: ProjectFilter | null;

  @Field(() => [ID], { nullable: true, description: "Ids of funding organisations." })
  funderIds?: string[] | null;

  @Field(() => [PartnerType], { nullable: true, description: "Only fundings given by partners of these types." })
  funderTypes?: PartnerType[] | null;

  @Field(() => [FundingScheme], { nullable: true, description: "Schemes." })
  schemes?: FundingScheme[] | null;

  @Field(() => Int, { nullable: true, description: "Only fundings for this year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Only fundings for this year or earlier." })
  yearTo?: number | null;
}
