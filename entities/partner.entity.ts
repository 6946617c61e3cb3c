import { Field, ObjectType } from "type-graphql";
import { ChildEntity, Column } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { Organization } from "./organization.entity";
import { PartnerType } from "../schema/enums/organization-enums";

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
