import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ChildEntity, Column } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { Organization } from "./organization.entity";

/** Kind of institutional partner / city-policy actor. */
export enum PartnerType {
  STATE_SERVICE = "STATE_SERVICE",
  PREFECT_DELEGATE = "PREFECT_DELEGATE",
  ANCT = "ANCT",
  COMMUNE = "COMMUNE",
  EPCI = "EPCI",
  DEPARTMENT = "DEPARTMENT",
  REGION = "REGION",
  CAF = "CAF",
  SOCIAL_LANDLORD = "SOCIAL_LANDLORD",
  SUPPORT_SCHEME = "SUPPORT_SCHEME",
  PUBLIC_AGENCY = "PUBLIC_AGENCY",
  FOUNDATION = "FOUNDATION",
  COMPANY = "COMPANY",
  OTHER = "OTHER",
}
registerEnumType(PartnerType, {
  name: "PartnerType",
  description: "Kind of institutional partner or city-policy actor.",
  valuesConfig: {
    STATE_SERVICE: { description: "A State service (préfecture, DDETS, DRAJES...)." },
    PREFECT_DELEGATE: { description: "A délégué du préfet, the State's officer for QPV." },
    ANCT: { description: "Agence nationale de la cohésion des territoires." },
    COMMUNE: { description: "A commune (town hall)." },
    EPCI: { description: "An intercommunal body." },
    DEPARTMENT: { description: "A conseil départemental." },
    REGION: { description: "A conseil régional." },
    CAF: { description: "A caisse d'allocations familiales." },
    SOCIAL_LANDLORD: { description: "A social landlord (bailleur social)." },
    SUPPORT_SCHEME: { description: "A support scheme: DLA, Guid'Asso / PIVA..." },
    PUBLIC_AGENCY: { description: "Another public agency (France Travail, ARS...)." },
    FOUNDATION: { description: "A foundation." },
    COMPANY: { description: "A company." },
    OTHER: { description: "Any other partner." },
  },
});

/** An institutional partner or city-policy actor. */
@ChildEntity("PARTNER")
@ObjectType({ implements: [Node, Organization], description: "An institutional partner or city-policy actor (State, local authority, CAF, social landlord, DLA...)." })
export class Partner extends Organization {
  @Column({ type: "text" })
  @Field(() => PartnerType, { description: "Kind of partner." })
  partnerType: PartnerType;

  get nodeId(): string {
    return toGlobalId("Partner", this.id);
  }
}
