import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { AssociationGrouping, EmployerSize, PartnerType } from "../enums/organization-enums";
import { TerritoryFilter } from "./territory-filter";

/** Kinds of organisations. */
export enum OrganizationKindValue { ASSOCIATION = "ASSOCIATION", PARTNER = "PARTNER" }
registerEnumType(OrganizationKindValue, {
  name: "OrganizationKind",
  description: "Kind of organisation.",
  valuesConfig: { ASSOCIATION: { description: "An association." }, PARTNER: { description: "An institutional partner." } },
});

/** Criteria every organisation list accepts; territory criteria apply to the head office's commune. */
@InputType({ description: "Filter of organisations. Criteria combine with AND; values inside one criterion with OR. Territory criteria apply to the head office." })
export class OrganizationFilter extends TerritoryFilter {
  @Field(() => [OrganizationKindValue], { nullable: true, description: "Kinds of organisations." })
  kinds?: OrganizationKindValue[] | null;

  @Field(() => [String], { nullable: true, description: "QPV codes where the organisation is based or active." })
  qpvCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Theme codes (a top-level theme also matches its sub-themes)." })
  themeCodes?: string[] | null;
}

/** Association criteria. */
@InputType({ description: "Filter of associations. Criteria combine with AND; values inside one criterion with OR. Territory criteria apply to the head office." })
export class AssociationFilter extends TerritoryFilter {
  @Field(() => [String], { nullable: true, description: "QPV codes where the association is based or active." })
  qpvCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Theme codes (a top-level theme also matches its sub-themes)." })
  themeCodes?: string[] | null;

  @Field(() => [EmployerSize], { nullable: true, description: "Employer sizes (stake 1: small employers)." })
  employerSizes?: EmployerSize[] | null;

  @Field(() => Boolean, { nullable: true, description: "true: members of at least one network now; false: non-federated (stake 2)." })
  federated?: boolean | null;

  @Field(() => [ID], { nullable: true, description: "Ids of network heads the association is currently a member of." })
  networkIds?: string[] | null;

  @Field(() => [AssociationGrouping], { nullable: true, description: "Groupings (simple, union, federation)." })
  groupings?: AssociationGrouping[] | null;
}

/** Partner criteria. */
@InputType({ description: "Filter of partners. Criteria combine with AND; values inside one criterion with OR. Territory criteria apply to the head office." })
export class PartnerFilter extends TerritoryFilter {
  @Field(() => [PartnerType], { nullable: true, description: "Kinds of partners." })
  partnerTypes?: PartnerType[] | null;

  @Field(() => [String], { nullable: true, description: "QPV codes where the partner is active: declared there, or covering a commune of the QPV." })
  qpvCodes?: string[] | null;
}
