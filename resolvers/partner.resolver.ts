import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Partner } from "../entities/partner.entity";
import { PartnerCoverage } from "../entities/partner-coverage.entity";
import { PartnersArgs } from "../schema/args/list-args";
import { ConnectionValue } from "../schema/connection";
import { PartnerConnection } from "./connections";
import { RequestContext } from "../server/context";
import { partnerConditions } from "../server/queries/filters/organization-conditions";
import { LINKS } from "../server/queries/links";
import { nestedList, rootConnection } from "../server/queries/list-fields";
import { findOrganization } from "../server/queries/organization-lookup";
import { SOURCES } from "../server/queries/sources";

/** Ways to look one partner up. */
@ArgsType()
class PartnerLookupArgs {
  @Field(() => ID, { nullable: true, description: "Global id." })
  id?: string | null;

  @Field(() => String, { nullable: true, description: "SIRET number (14 digits)." })
  siret?: string | null;
}

/** Institutional partners: lists, lookups, and the territory they cover. */
@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => PartnerConnection, { description: "Institutional partners and city-policy actors, filtered and ordered." })
  async partners(@Args() args: PartnersArgs, @Ctx() ctx: RequestContext): Promise<ConnectionValue<Partner>> {
    return rootConnection(ctx, SOURCES.partner, await partnerConditions(ctx.loaders, args.filter), args, "NAME");
  }

  @Query(() => Partner, { nullable: true, description: "One partner, by exactly one of id or SIRET; null if none matches." })
  partner(@Args() args: PartnerLookupArgs, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    return findOrganization(ctx, "Partner", args);
  }

  @FieldResolver(() => [PartnerCoverage], { description: "Territories the partner covers." })
  coverage(@Root() partner: Partner, @Ctx() ctx: RequestContext): Promise<PartnerCoverage[]> {
    return nestedList(ctx, SOURCES.partnerCoverage, LINKS.coverageOfPartner, partner.id, "ID");
  }
}
