import { Field, InputType, registerEnumType } from "type-graphql";
import { OrderInput } from "../order";
import { PartnerType } from "../enums/organization-enums";
import { LocalDateScalar } from "../scalars";
import { OrganizationKindValue } from "./organization-filters";

/** What two organisations do together. */
export enum CooperationKind {
  PROJECT = "PROJECT",
  EVENT = "EVENT",
  FUNDING = "FUNDING",
  MEMBERSHIP = "MEMBERSHIP",
}
registerEnumType(CooperationKind, {
  name: "CooperationKind",
  description: "A kind of cooperation between two organisations.",
  valuesConfig: {
    PROJECT: { description: "They take part in the same cooperation project." },
    EVENT: { description: "They organise the same participation event." },
    FUNDING: { description: "One funds a project the other takes part in." },
    MEMBERSHIP: { description: "One is a member of the other's network." },
  },
});

/** Which cooperation links to follow. */
@InputType({ description: "Which cooperation links count: criteria combine with AND." })
export class CooperationLinkFilter {
  @Field(() => [CooperationKind], { nullable: true, description: "Links with at least one of these kinds." })
  kinds?: CooperationKind[] | null;

  @Field(() => [OrganizationKindValue], { nullable: true, description: "Only links to organisations of these kinds." })
  partnerKinds?: OrganizationKindValue[] | null;

  @Field(() => [PartnerType], { nullable: true, description: "Only links to partners of these types." })
  partnerTypes?: PartnerType[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Only links with activity on or after this date." })
  activeSince?: string | null;
}

/** Orders of cooperation-link lists. */
export enum CooperationLinkOrderField { WEIGHT = "WEIGHT", LAST_ACTIVITY = "LAST_ACTIVITY" }
registerEnumType(CooperationLinkOrderField, {
  name: "CooperationLinkOrderField",
  description: "What cooperation-link lists can be sorted by.",
  valuesConfig: { WEIGHT: { description: "Weight of the link." }, LAST_ACTIVITY: { description: "Date of the last cooperation." } },
});
export const CooperationLinkOrder = OrderInput<CooperationLinkOrderField>(CooperationLinkOrderField, "CooperationLink");
