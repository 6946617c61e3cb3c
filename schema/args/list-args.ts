import { ArgsType, Field } from "type-graphql";
import { OrderValue } from "../order";
import { PageArgs } from "../page-args";
import { CharterSignatureFilter, ContratDeVilleFilter, EventFilter, FundingFilter, GoodPracticeFilter, ProjectFilter } from "../inputs/activity-filters";
import { AssociationFilter, OrganizationFilter, PartnerFilter } from "../inputs/organization-filters";
import {
  EventOrder, EventOrderField, GoodPracticeOrder, GoodPracticeOrderField, OrganizationOrder, OrganizationOrderField,
  ProjectOrder, ProjectOrderField, TerritoryOrder, TerritoryOrderField,
} from "../inputs/order-fields";
import { CommuneFilter, DepartmentFilter, EpciFilter, QpvFilter } from "../inputs/territory-filters";

/** Arguments of association lists. */
@ArgsType()
export class AssociationsArgs extends PageArgs {
  @Field(() => AssociationFilter, { nullable: true, description: "Which associations." })
  filter?: AssociationFilter | null;

  @Field(() => OrganizationOrder, { nullable: true, description: "Order (default: by name)." })
  orderBy?: OrderValue<OrganizationOrderField> | null;
}

/** Arguments of partner lists. */
@ArgsType()
export class PartnersArgs extends PageArgs {
  @Field(() => PartnerFilter, { nullable: true, description: "Which partners." })
  filter?: PartnerFilter | null;

  @Field(() => OrganizationOrder, { nullable: true, description: "Order (default: by name)." })
  orderBy?: OrderValue<OrganizationOrderField> | null;
}

/** Arguments of organisation lists. */
@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: "Which organisations." })
  filter?: OrganizationFilter | null;

  @Field(() => OrganizationOrder, { nullable: true, description: "Order (default: by name)." })
  orderBy?: OrderValue<OrganizationOrderField> | null;
}

/** Arguments of project lists. */
@ArgsType()
export class ProjectsArgs extends PageArgs {
  @Field(() => ProjectFilter, { nullable: true, description: "Which projects." })
  filter?: ProjectFilter | null;

  @Field(() => ProjectOrder, { nullable: true, description: "Order (default: by title)." })
  orderBy?: OrderValue<ProjectOrderField> | null;
}

/** Arguments of event lists. */
@ArgsType()
export class EventsArgs extends PageArgs {
  @Field(() => EventFilter, { nullable: true, description: "Which events." })
  filter?: EventFilter | null;

  @Field(() => EventOrder, { nullable: true, description: "Order (default: by start time)." })
  orderBy?: OrderValue<EventOrderField> | null;
}

/** Arguments of good-practice lists. */
@ArgsType()
export class GoodPracticesArgs extends PageArgs {
  @Field(() => GoodPracticeFilter, { nullable: true, description: "Which good practices." })
  filter?: GoodPracticeFilter | null;

  @Field(() => GoodPracticeOrder, { nullable: true, description: "Order (default: by title)." })
  orderBy?: OrderValue<GoodPracticeOrderField> | null;
}

/** Arguments of QPV lists. */
@ArgsType()
export class QpvsArgs extends PageArgs {
  @Field(() => QpvFilter, { nullable: true, description: "Which QPVs." })
  filter?: QpvFilter | null;

  @Field(() => TerritoryOrder, { nullable: true, description: "Order (default: by name)." })
  orderBy?: OrderValue<TerritoryOrderField> | null;
}

/** Arguments of commune lists. */
@ArgsType()
export class CommunesArgs extends PageArgs {
  @Field(() => CommuneFilter, { nullable: true, description: "Which communes." })
  filter?: CommuneFilter | null;

  @Field(() => TerritoryOrder, { nullable: true, description: "Order (default: by name)." })
  orderBy?: OrderValue<TerritoryOrderField> | null;
}

/** Arguments of EPCI lists. */
@ArgsType()
export class EpcisArgs extends PageArgs {
  @Field(() => EpciFilter, { nullable: true, description: "Which EPCI." })
  filter?: EpciFilter | null;

  @Field(() => TerritoryOrder, { nullable: true, description: "Order (default: by name; CODE sorts by SIREN)." })
  orderBy?: OrderValue<TerritoryOrderField> | null;
}

/** Arguments of département lists. */
@ArgsType()
export class DepartmentsArgs extends PageArgs {
  @Field(() => DepartmentFilter, { nullable: true, description: "Which départements." })
  filter?: DepartmentFilter | null;

  @Field(() => TerritoryOrder, { nullable: true, description: "Order (default: by code)." })
  orderBy?: OrderValue<TerritoryOrderField> | null;
}

/** Arguments of région lists. */
@ArgsType()
export class RegionsArgs extends PageArgs {
  @Field(() => TerritoryOrder, { nullable: true, description: "Order (default: by code)." })
  orderBy?: OrderValue<TerritoryOrderField> | null;
}

/** Arguments of charter-signature lists. */
@ArgsType()
export class CharterSignaturesArgs extends PageArgs {
  @Field(() => CharterSignatureFilter, { nullable: true, description: "Which signatures." })
  filter?: CharterSignatureFilter | null;
}

/** Arguments of contrat-de-ville lists. */
@ArgsType()
export class ContratsDeVilleArgs extends PageArgs {
  @Field(() => ContratDeVilleFilter, { nullable: true, description: "Which contracts." })
  filter?: ContratDeVilleFilter | null;
}

/** Arguments of funding lists. */
@ArgsType()
export class FundingsArgs extends PageArgs {
  @Field(() => FundingFilter, { nullable: true, description: "Which fundings." })
  filter?: FundingFilter | null;
}
