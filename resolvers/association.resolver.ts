import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Association } from "../entities/association.entity";
import { Membership } from "../entities/membership.entity";
import { MunicipalDistrict } from "../entities/municipal-district.entity";
import { RnaRecord } from "../entities/rna-record.entity";
import { AssociationsArgs } from "../schema/args/list-args";
import { ConnectionValue } from "../schema/connection";
import { AssociationConnection } from "./connections";
import { RequestContext } from "../server/context";
import { associationConditions } from "../server/queries/filters/organization-conditions";
import { LINKS } from "../server/queries/links";
import { nestedList, rootConnection } from "../server/queries/list-fields";
import { findOrganization } from "../server/queries/organization-lookup";
import { isCurrentMembership } from "../server/queries/memberships";
import { SOURCES } from "../server/queries/sources";
import type { Found } from "../server/loaders/request-loaders";

/** Ways to look one association up. */
@ArgsType()
class AssociationLookupArgs {
  @Field(() => ID, { nullable: true, description: "Global id." })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'RNA number, e.g. "W595012345".' })
  rna?: string | null;

  @Field(() => String, { nullable: true, description: "SIRET number (14 digits)." })
  siret?: string | null;
}

/** Associations: lists, lookups and the fields derived from their memberships. */
@Resolver(() => Association)
export class AssociationResolver {
  @Query(() => AssociationConnection, { description: "Associations, filtered and ordered (archived ones left out)." })
  async associations(@Args() args: AssociationsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionValue<Association>> {
    return rootConnection(ctx, SOURCES.association, await associationConditions(ctx.loaders, args.filter), args, "NAME");
  }

  @Query(() => Association, { nullable: true, description: "One association, by exactly one of id, RNA number or SIRET; null if none matches." })
  association(@Args() args: AssociationLookupArgs, @Ctx() ctx: RequestContext): Promise<Association | null> {
    return findOrganization(ctx, "Association", args);
  }

  @FieldResolver(() => Boolean, { description: "Whether it is currently a member of at least one network (stake 2: non-federated associations)." })
  async federated(@Root() association: Association, @Ctx() ctx: RequestContext): Promise<boolean> {
    const memberships: Membership[] = await nestedList(ctx, SOURCES.membership, LINKS.networksOfMember, association.id, "JOINED_ON");
    return memberships.some(isCurrentMembership);
  }

  @FieldResolver(() => RnaRecord, {
    nullable: true,
    description: "What the RNA register says of it and where that came from (file, line, update time, status); null if it was never imported. Read-only.",
  })
  registry(@Root() association: Association, @Ctx() ctx: RequestContext): Found<RnaRecord> {
    return ctx.loaders.lookup(RnaRecord, association.id);
  }
}

/** The district of a registry record. */
@Resolver(() => RnaRecord)
export class RnaRecordResolver {
  @FieldResolver(() => MunicipalDistrict, { nullable: true, description: "Paris, Lyon or Marseille district of the head office, when the register gives a district code." })
  district(@Root() record: RnaRecord, @Ctx() ctx: RequestContext): Found<MunicipalDistrict> {
    return record.districtInseeCode ? ctx.loaders.lookup(MunicipalDistrict, record.districtInseeCode) : null;
  }
}
