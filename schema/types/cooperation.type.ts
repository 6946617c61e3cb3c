import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { CooperationKind } from "../inputs/cooperation-filters";
import { LocalDateScalar } from "../scalars";

/** An edge of a drawn network or path: two organisations (by global id) and their cooperation. */
@ObjectType({ description: "A cooperation link ready to draw: its two ends (global ids of organisations), kinds, weight and last activity." })
export class CooperationEdge {
  @Field(() => ID, { description: "One end (for a path: the organisation nearer its start)." })
  source: string;

  @Field(() => ID, { description: "The other end." })
  target: string;

  @Field(() => [CooperationKind], { description: "Kinds of cooperation between them." })
  kinds: CooperationKind[];

  @Field(() => Int, { description: "Weight: the number of pieces of cooperation (projects, events, fundings, memberships)." })
  weight: number;

  @Field(() => LocalDateScalar, { description: "Date of their last cooperation." })
  lastActivityOn: string;
}

/** An organisation in a drawn network. */
@ObjectType({ description: "An organisation of a cooperation network, with its distance to the nearest root." })
export class CooperationNetworkNode {
  organizationId: number;

  @Field(() => Int, { description: "Links from the nearest root: 0 for a root." })
  depth: number;

  @Field(() => Int, { description: "Number of links it has inside this network." })
  degree: number;
}

/** Nodes and edges around some organisations. */
@ObjectType({ description: "The cooperation network around some organisations: nodes and edges, each edge once, ready to draw." })
export class CooperationNetwork {
  @Field(() => [CooperationNetworkNode], { description: "Organisations reached, roots first, then by depth." })
  nodes: CooperationNetworkNode[];

  @Field(() => [CooperationEdge], { description: "Links among the organisations reached (including those between organisations of the same depth)." })
  edges: CooperationEdge[];
}

/** The shortest chain of cooperation between two organisations. */
@ObjectType({ description: "The shortest chain of cooperation from one organisation to another." })
export class CooperationPath {
  organizationIds: number[];

  @Field(() => Int, { description: "Number of links in the chain (0 when both ends are the same organisation)." })
  length: number;

  @Field(() => [CooperationEdge], { description: "The links of the chain, in order from start to end." })
  edges: CooperationEdge[];
}

/** A well-connected organisation. */
@ObjectType({ description: "A hub: an organisation with many cooperation partners." })
export class CooperationHub {
  organizationId: number;

  @Field(() => Int, { description: "Number of distinct organisations it cooperates with." })
  partnerCount: number;

  @Field(() => Int, { description: "Sum of the weights of its links." })
  weight: number;
}

/** Why an organisation is suggested. */
export enum SuggestionReasonKind {
  SAME_QPV = "SAME_QPV",
  NEARBY_QPV = "NEARBY_QPV",
  SHARED_THEME = "SHARED_THEME",
  COMPLEMENTARY_THEME = "COMPLEMENTARY_THEME",
}
registerEnumType(SuggestionReasonKind, {
  name: "SuggestionReasonKind",
  description: "A reason for a partner suggestion.",
  valuesConfig: {
    SAME_QPV: { description: "Active in a QPV where the subject works." },
    NEARBY_QPV: { description: "Active in a QPV close to one where the subject works (see `distanceMeters`)." },
    SHARED_THEME: { description: "Works on a theme of the subject." },
    COMPLEMENTARY_THEME: { description: "Works on a theme that organisations of the subject's themes already combine with in projects." },
  },
});

/** One reason, with what it refers to. */
@ObjectType({ description: "One reason for a suggestion, with the QPV or theme it refers to." })
export class SuggestionReason {
  @Field(() => SuggestionReasonKind, { description: "What kind of reason." })
  kind: SuggestionReasonKind;

  qpvCode?: string;
  themeCode?: string;

  @Field(() => Int, { nullable: true, description: "For NEARBY_QPV: distance between the two QPVs' centres, in metres." })
  distanceMeters?: number | null;
}

/** A suggested partner. */
@ObjectType({ description: "An organisation suggested as a partner, with its score and reasons." })
export class PartnerSuggestion {
  organizationId: number;

  @Field(() => Float, { description: "Score: 3 per shared QPV, up to 1.5 for a nearby QPV when none is shared, 2 per shared theme, 1 per complementary theme." })
  score: number;

  @Field(() => [SuggestionReason], { description: "Why it is suggested." })
  reasons: SuggestionReason[];
}
