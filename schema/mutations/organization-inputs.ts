import { Field, Float, InputType, Int } from "type-graphql";
import { AssociationGrouping, PartnerType } from "../enums/organization-enums";
import { LocalDateScalar } from "../scalars";
import { QpvPresenceKind } from "../types/qpv-presence.type";
import { FreeText } from "../string-arguments";
import { createInput, GeoPointInput, updateInput } from "./common-inputs";

@InputType({ description: "A person to contact in an organisation (personal data: shown only to allowed roles)." })
export class ContactInput {
  @Field({ description: "Full name (1 to 200 characters)." })
  @FreeText()
  fullName: string;

  @Field(() => String, { nullable: true, description: "Role in the organisation (at most 200 characters)." })
  @FreeText()
  jobTitle?: string | null;

  @Field(() => String, { nullable: true, description: "Email address." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Phone number." })
  phone?: string | null;
}

@InputType({ description: "An organisation's presence in a QPV." })
export class QpvPresenceInput {
  @Field({ description: 'QPV code, e.g. "QN05901M".' })
  qpvCode: string;

  @Field(() => QpvPresenceKind, { description: "Based (head office) or active." })
  presence: QpvPresenceKind;
}

/** Fields associations and partners share; in an update, a field left out is left as it is and null clears it. */
@InputType({ description: "Fields of an organisation (never exposed by itself)." })
export class OrganizationFields {
  @Field(() => String, { nullable: true, description: "Name (1 to 300 characters); required on creation." })
  @FreeText()
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Short name or acronym (at most 100 characters)." })
  @FreeText()
  shortName?: string | null;

  @Field(() => String, { nullable: true, description: "SIRET of the head office (14 digits, Luhn check; La Poste's rule for its establishments). Sets the SIREN." })
  siret?: string | null;

  @Field(() => String, { nullable: true, description: "SIREN (9 digits, Luhn check), when there is no SIRET; must match the SIRET when both are given." })
  siren?: string | null;

  @Field(() => String, { nullable: true, description: "Street address of the head office (at most 500 characters)." })
  @FreeText()
  address?: string | null;

  @Field(() => String, { nullable: true, description: "Postal code (5 digits)." })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: "INSEE code of the head office's commune, checked against the reference data (a district of Paris, Lyon or Marseille is recorded as its city)." })
  communeInseeCode?: string | null;

  @Field(() => GeoPointInput, { nullable: true, description: "Location of the head office." })
  location?: GeoPointInput | null;

  @Field(() => String, { nullable: true, description: "Website (http:// or https://)." })
  website?: string | null;

  @Field(() => String, { nullable: true, description: "Public contact email of the organisation." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Public contact phone number of the organisation." })
  phone?: string | null;

  @Field(() => [String], { nullable: true, description: "Theme codes (6 digits); the list replaces the previous one." })
  themeCodes?: string[] | null;

  @Field(() => [QpvPresenceInput], { nullable: true, description: "QPVs where it is based or active; the list replaces the previous one." })
  qpvs?: QpvPresenceInput[] | null;

  @Field(() => [ContactInput], { nullable: true, description: "People to contact (at most 20); the list replaces the previous one." })
  contacts?: ContactInput[] | null;
}

@InputType({ description: "Fields of an association (never exposed by itself)." })
export class AssociationFields extends OrganizationFields {
  @Field(() => String, { nullable: true, description: 'RNA number, e.g. "W595012345".' })
  rna?: string | null;

  @Field(() => String, { nullable: true, description: "Purpose (objet), at most 5,000 characters." })
  @FreeText()
  purpose?: string | null;

  @Field(() => AssociationGrouping, { nullable: true, description: "Simple association (the default), union or federation." })
  grouping?: AssociationGrouping | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date of creation." })
  createdOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Date of dissolution (on or after the creation)." })
  dissolvedOn?: string | null;

  @Field(() => Float, { nullable: true, description: "Staff in full-time equivalents (0 to 100,000, two decimals)." })
  staffEtp?: number | null;

  @Field(() => Int, { nullable: true, description: "Regular volunteers (0 or more)." })
  volunteers?: number | null;

  @Field(() => Int, { nullable: true, description: "Members (0 or more)." })
  members?: number | null;
}

export const CreateAssociationInput = createInput(AssociationFields, "CreateAssociationInput", "A new association.");
export type CreateAssociationInput = InstanceType<typeof CreateAssociationInput>;
export const UpdateAssociationInput = updateInput(AssociationFields, "UpdateAssociationInput", "Changes to an association.");
export type UpdateAssociationInput = InstanceType<typeof UpdateAssociationInput>;

@InputType({ description: "A territory a partner covers: exactly one of its fields." })
export class CoverageInput {
  @Field(() => String, { nullable: true, description: "Région code." })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: "Département code." })
  departmentCode?: string | null;

  @Field(() => String, { nullable: true, description: "EPCI SIREN." })
  epciSiren?: string | null;

  @Field(() => String, { nullable: true, description: "Commune INSEE code." })
  communeInseeCode?: string | null;
}

@InputType({ description: "Fields of a partner (never exposed by itself)." })
export class PartnerFields extends OrganizationFields {
  @Field(() => PartnerType, { nullable: true, description: "Type of partner; required on creation." })
  partnerType?: PartnerType | null;

  @Field(() => [CoverageInput], { nullable: true, description: "Territories it covers (at most 200); the list replaces the previous one." })
  coverage?: CoverageInput[] | null;
}

export const CreatePartnerInput = createInput(PartnerFields, "CreatePartnerInput", "A new partner (institutional or city-policy actor).");
export type CreatePartnerInput = InstanceType<typeof CreatePartnerInput>;
export const UpdatePartnerInput = updateInput(PartnerFields, "UpdatePartnerInput", "Changes to a partner.");
export type UpdatePartnerInput = InstanceType<typeof UpdatePartnerInput>;
