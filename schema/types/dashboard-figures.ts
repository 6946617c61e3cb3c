import { Field, Float, Int, ObjectType } from "type-graphql";
import { FundingScheme, ProjectStatus } from "../enums/activity-enums";
import { PartnerType } from "../enums/organization-enums";
import { DashboardGranularity } from "../inputs/dashboard-inputs";
import { LocalDateScalar } from "../scalars";

// In descriptions, `<scope>`, `<from>`, `<to>` and `<to+1>` are defined on DashboardScope and DashboardPeriod.

/** Stake 1: associations by employer size. */
@ObjectType({ description: "Stake 1 (support small employer associations): the associations of the scope by employer size. The period does not apply: these are today's associations." })
export class DashboardEmployerSizes {
  @Field(() => Int, { description: "All associations of the scope: equals `associations(filter: {<scope>}).totalCount`." })
  total: number;

  @Field(() => Int, { description: "Without employees: equals `associations(filter: {<scope>, employerSizes: [NONE]}).totalCount`." })
  none: number;

  @Field(() => Int, { description: "Small employers (more than 0, at most 2 ETP): equals `associations(filter: {<scope>, employerSizes: [SMALL_EMPLOYER]}).totalCount`." })
  smallEmployer: number;

  @Field(() => Int, { description: "Employers of more than 2 ETP: equals `associations(filter: {<scope>, employerSizes: [EMPLOYER]}).totalCount`." })
  employer: number;
}

/** Stake 2: federated and non-federated associations. */
@ObjectType({ description: "Stake 2 (the place of non-federated associations): the associations of the scope, members of a network or not. The period does not apply." })
export class DashboardFederation {
  @Field(() => Int, { description: "All associations of the scope: equals `associations(filter: {<scope>}).totalCount`." })
  total: number;

  @Field(() => Int, { description: "Current members of at least one network: equals `associations(filter: {<scope>, federated: true}).totalCount`." })
  federated: number;

  @Field(() => Int, { description: "Members of no network today: equals `associations(filter: {<scope>, federated: false}).totalCount`." })
  nonFederated: number;

  @Field(() => Int, {
    description: "Non-federated small employers (stakes 1 and 2 together): equals `associations(filter: {<scope>, federated: false, employerSizes: [SMALL_EMPLOYER]}).totalCount`.",
  })
  nonFederatedSmallEmployers: number;
}

/** One month of participation events. */
@ObjectType({ description: "Participation events starting in one month (Europe/Paris), within the period." })
export class DashboardParticipationMonth {
  @Field({ description: 'The month, "YYYY-MM" (Europe/Paris).' })
  month: string;

  @Field(() => Int, {
    description: "Events starting in the month: equals `events(filter: {<scope>, startsAfter: <the later of the month's first day and <from>, 00:00 Paris>, startsBefore: <the earlier of the next month's first day and <to+1>, 00:00 Paris>}).totalCount`.",
  })
  events: number;

  @Field(() => Int, { description: "Of those, events whose residents were counted (`attendance.residents` not null)." })
  eventsWithResidentCount: number;

  @Field(() => Int, { description: "Residents counted at those events: the sum of `attendance.residents` (residents are counted, never named)." })
  residents: number;
}

/** Stake 3: participation events and residents reached. */
@ObjectType({
  description: "Stake 3 (residents' participation): participation events of the scope and the residents counted there, in total and per month. With a period, every month of the period is listed (zeros included); without one, every month from the first event to the last.",
})
export class DashboardParticipation {
  @Field(() => Int, {
    description: "Events: equals `events(filter: {<scope>}).totalCount`, or with a period `events(filter: {<scope>, startsAfter: <from> 00:00 Paris, startsBefore: <to+1> 00:00 Paris}).totalCount`.",
  })
  events: number;

  @Field(() => Int, { description: "Of those, events whose residents were counted (`attendance.residents` not null)." })
  eventsWithResidentCount: number;

  @Field(() => Int, { description: "Residents counted at those events: the sum of `attendance.residents`." })
  residents: number;

  @Field(() => [DashboardParticipationMonth], { description: "The same figures per month (Europe/Paris), oldest first." })
  months: DashboardParticipationMonth[];
}

/** Projects with one status. */
@ObjectType({ description: "Projects of the scope with one status." })
export class DashboardProjectStatusCount {
  @Field(() => ProjectStatus, { description: "The status." })
  status: ProjectStatus;

  @Field(() => Int, { description: "Projects with it: equals `projects(filter: {<scope>, <period>, statuses: [<status>]}).totalCount` (see `DashboardProjects.total` for `<period>`)." })
  count: number;
}

/** One proposal of a stake, with the projects and good practices of the scope carrying it forward. */
@ObjectType({ description: "A proposal of the advocacy paper under a stake, with the projects and good practices of the scope carrying it forward." })
export class DashboardProposalCount {
  @Field(() => Int, { description: "Number of the proposal, 1 to 16." })
  number: number;

  @Field({ description: "Title of the proposal, as an administrator loaded it." })
  title: string;

  @Field(() => Int, { description: "Projects carrying it forward: equals `projects(filter: {<scope>, <period>, proposalNumbers: [<number>]}).totalCount`." })
  projects: number;

  @Field(() => Int, {
    description: "Good practices carrying it forward: equals `goodPractices(filter: {<scope>, proposalNumbers: [<number>]}).totalCount`, where for a network " +
      "`<scope>` is `organizationIds: [<the network and its current members>]`; the period does not apply (good practices are not activity).",
  })
  goodPractices: number;
}

/** Projects addressing one stake. */
@ObjectType({ description: "Projects of the scope addressing one stake of the advocacy paper." })
export class DashboardProjectStakeCount {
  @Field(() => Int, { description: "Number of the stake, 1 to 4." })
  stakeNumber: number;

  @Field({ description: "Wording of the stake." })
  title: string;

  @Field(() => Int, { description: "Projects addressing it: equals `projects(filter: {<scope>, <period>, stakeNumbers: [<stakeNumber>]}).totalCount`. A project may address several stakes." })
  count: number;

  @Field(() => [DashboardProposalCount], { description: "The proposals of the stake an administrator has loaded, by number (empty until they are loaded)." })
  proposals: DashboardProposalCount[];
}

/** Projects by status and by stake. */
@ObjectType({ description: "Cooperation projects of the scope (through their QPVs, or for a network through their participants), by status and by stake." })
export class DashboardProjects {
  @Field(() => Int, {
    description: "Projects: equals `projects(filter: {<scope>, <period>}).totalCount`, where `<period>` is nothing without a period and `activeFrom: <from>, activeTo: <to>` with one (projects running at some time in the period).",
  })
  total: number;

  @Field(() => Int, { description: "Residents reached, as declared by the projects counted (the sum of `residentsReached`)." })
  residentsReached: number;

  @Field(() => [DashboardProjectStatusCount], { description: "Per status, every status listed (zeros included), in the order PROPOSED, ACTIVE, COMPLETED, ABANDONED." })
  byStatus: DashboardProjectStatusCount[];

  @Field(() => [DashboardProjectStakeCount], { description: "Per stake, the 4 stakes listed (zeros included)." })
  byStake: DashboardProjectStakeCount[];
}

/** Links to partners of one type. */
@ObjectType({ description: "Cooperation links between associations of the scope and partners of one type." })
export class DashboardCooperationPartnerType {
  @Field(() => PartnerType, { description: "Type of the partners." })
  partnerType: PartnerType;

  @Field(() => Int, {
    description: "Links: equals the sum, over `associations(filter: {<scope>})`, of `cooperationLinks(filter: {partnerKinds: [PARTNER], partnerTypes: [<partnerType>]}).totalCount`.",
  })
  links: number;

  @Field(() => Int, { description: "Distinct partners of this type linked to at least one association of the scope." })
  partners: number;

  @Field(() => Int, { description: "Associations of the scope linked to at least one partner of this type." })
  associations: number;

  @Field(() => Int, { description: "Weight of those links: the sum of their `weight` (shared projects, co-organised events, fundings, memberships)." })
  weight: number;
}

/** Stake 4: cooperation between associations and city-policy actors. */
@ObjectType({
  description:
    "Stake 4 (cooperation with city-policy actors): the cooperation links (see `Organization.cooperationLinks`) between the " +
    "associations of `associations(filter: {<scope>})` and partners (institutional / city-policy actors). The period does not " +
    "apply: these are the links as they stand, whatever their date (see `lastActivityOn` on each link).",
})
export class DashboardCooperation {
  @Field(() => Int, {
    description: "Links: equals the sum, over `associations(filter: {<scope>})`, of `cooperationLinks(filter: {partnerKinds: [PARTNER]}).totalCount` (one per pair association-partner).",
  })
  links: number;

  @Field(() => Int, { description: "Distinct partners linked to at least one association of the scope." })
  partners: number;

  @Field(() => Int, { description: "Associations of the scope with at least one link to a partner (compare with `employerSizes.total`)." })
  associations: number;

  @Field(() => Int, { description: "Weight of the links: the sum of their `weight` (shared projects, co-organised events, fundings, memberships)." })
  weight: number;

  @Field(() => [DashboardCooperationPartnerType], { description: "The same per partner type, types with at least one link only, most links first." })
  byPartnerType: DashboardCooperationPartnerType[];
}

/** Charter signatures in one month or year. */
@ObjectType({ description: "Charter signatures of one month or year." })
export class DashboardSignatureBucket {
  @Field(() => LocalDateScalar, { description: "First day of the month or year." })
  startsOn: string;

  @Field(() => LocalDateScalar, { description: "Last day of the month or year." })
  endsOn: string;

  @Field(() => Int, {
    description: "Signatures in it, within the period: equals `charterSignatures(filter: {<scope>, signedFrom: <the later of startsOn and <from>>, signedTo: <the earlier of endsOn and <to>>}).totalCount`.",
  })
  signed: number;

  @Field(() => Int, {
    description: "Signatories so far, since the first signature (before the period too): equals `charterSignatures(filter: {<scope>, signedTo: <the earlier of endsOn and <to>>}).totalCount`.",
  })
  cumulative: number;
}

/** Charter signatories over time. */
@ObjectType({
  description:
    "Signatories of the charter for inter-associative cooperation: signatures made in the scope (for a network: by the network " +
    "and its current members), per month or year. With a period, every bucket of the period is listed (zeros included); without " +
    "one, every bucket from the first signature to the last.",
})
export class DashboardCharterSignatures {
  @Field(() => DashboardGranularity, { description: "Size of the buckets." })
  granularity: DashboardGranularity;

  @Field(() => Int, { description: "Signatures in the period: equals `charterSignatures(filter: {<scope>, signedFrom: <from>, signedTo: <to>}).totalCount` (without a period, all of them)." })
  signed: number;

  @Field(() => Int, { description: "Signatories at the end of the period, since the first signature: equals `charterSignatures(filter: {<scope>, signedTo: <to>}).totalCount`." })
  cumulative: number;

  @Field(() => [DashboardSignatureBucket], { description: "Per month or year, oldest first." })
  buckets: DashboardSignatureBucket[];
}

/** Funding from one type of funder. */
@ObjectType({ description: "Fundings from one type of funder." })
export class DashboardFundingPartnerType {
  @Field(() => PartnerType, { nullable: true, description: "Type of the funding partner; null for fundings given by associations." })
  partnerType: PartnerType | null;

  @Field(() => Float, { description: "Sum of the amounts, in euros." })
  amountEur: number;

  @Field(() => Int, { description: "Number of fundings." })
  count: number;
}

/** Funding through one scheme. */
@ObjectType({ description: "Fundings through one scheme." })
export class DashboardFundingScheme {
  @Field(() => FundingScheme, { description: "The scheme." })
  scheme: FundingScheme;

  @Field(() => Float, { description: "Sum of the amounts, in euros." })
  amountEur: number;

  @Field(() => Int, { description: "Number of fundings." })
  count: number;
}

/** Funding of the scope's projects. */
@ObjectType({
  description:
    "Fundings of the projects of `projects(filter: {<scope>})` (the `fundings` of each; the period does not filter the projects " +
    "here), whose year falls in the period (from the year of `<from>` to the year of `<to>`; without a period, every year).",
})
export class DashboardFunding {
  @Field(() => Float, { description: "Sum of the amounts, in euros." })
  amountEur: number;

  @Field(() => Int, { description: "Number of fundings." })
  count: number;

  @Field(() => [DashboardFundingPartnerType], { description: "Per type of funder, largest amount first." })
  byPartnerType: DashboardFundingPartnerType[];

  @Field(() => [DashboardFundingScheme], { description: "Per scheme, largest amount first." })
  byScheme: DashboardFundingScheme[];
}
