import { ArgsType, Field, ID, Int } from "type-graphql";
import { CooperationLinkFilter, CooperationLinkOrder, CooperationLinkOrderField } from "../../schema/inputs/cooperation-filters";
import { OrganizationFilter } from "../../schema/inputs/organization-filters";
import { OrderValue } from "../../schema/order";
import { PageArgs } from "../../schema/page-args";
import { MAX_NETWORK_NODES } from "../../server/queries/cooperation/network";

/** Arguments of an organisation's cooperation links. */
@ArgsType()
export class CooperationLinksArgs extends PageArgs {
  @Field(() => CooperationLinkFilter, { nullable: true, description: "Which links." })
  filter?: CooperationLinkFilter | null;

  @Field(() => CooperationLinkOrder, { nullable: true, description: "Order (default: heaviest first)." })
  orderBy?: OrderValue<CooperationLinkOrderField> | null;
}

/** Arguments of `cooperationNetwork`. */
@ArgsType()
export class CooperationNetworkArgs {
  @Field(() => [ID], { description: "Organisations to start from (1 to 20)." })
  roots: string[];

  @Field(() => Int, { defaultValue: 1, description: "How many links away from the roots to go, 1 to 3." })
  depth: number;

  @Field(() => Int, { defaultValue: 200, description: `Largest number of organisations to return, 1 to ${MAX_NETWORK_NODES}; a bigger network is refused (TOO_LARGE).` })
  maxNodes: number;

  @Field(() => CooperationLinkFilter, { nullable: true, description: "Which links to follow." })
  filter?: CooperationLinkFilter | null;
}

/** Arguments of `cooperationPath`. */
@ArgsType()
export class CooperationPathArgs {
  @Field(() => ID, { description: "Organisation to start from." })
  from: string;

  @Field(() => ID, { description: "Organisation to reach." })
  to: string;

  @Field(() => Int, { defaultValue: 6, description: "Longest chain to look for, 1 to 8 links." })
  maxLength: number;

  @Field(() => CooperationLinkFilter, { nullable: true, description: "Which links to follow." })
  filter?: CooperationLinkFilter | null;
}

/** Arguments of `cooperationHubs`. */
@ArgsType()
export class CooperationHubsArgs {
  @Field(() => Int, { description: "How many hubs, 1 to 100." })
  first: number;

  @Field(() => OrganizationFilter, { nullable: true, description: "Among which organisations (e.g. a territory)." })
  filter?: OrganizationFilter | null;

  @Field(() => CooperationLinkFilter, { nullable: true, description: "Which links count." })
  linkFilter?: CooperationLinkFilter | null;
}

/** Arguments of `partnerSuggestions`. */
@ArgsType()
export class PartnerSuggestionsArgs {
  @Field(() => ID, { nullable: true, description: "Suggest partners for this organisation (give this or projectId)." })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: "Suggest participants for this project (give this or organizationId)." })
  projectId?: string | null;

  @Field(() => Int, { defaultValue: 10, description: "How many suggestions, 1 to 50." })
  first: number;

  @Field(() => Int, { defaultValue: 3000, description: "How far a QPV counts as nearby: distance between QPV centres, 0 to 20,000 metres." })
  radiusMeters: number;
}
