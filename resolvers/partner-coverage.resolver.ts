import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Commune } from "../entities/commune.entity";
import { Department } from "../entities/department.entity";
import { Epci } from "../entities/epci.entity";
import { PartnerCoverage } from "../entities/partner-coverage.entity";
import { Region } from "../entities/region.entity";
import { RequestContext } from "../server/context";

/** The territory of one coverage row (exactly one is set). */
@Resolver(() => PartnerCoverage)
export class PartnerCoverageResolver {
  @FieldResolver(() => Region, { nullable: true, description: "The région covered, if the coverage is a région." })
  region(@Root() c: PartnerCoverage, @Ctx() ctx: RequestContext) {
    return c.regionCode ? ctx.loaders.lookup(Region, c.regionCode) : null;
  }

  @FieldResolver(() => Department, { nullable: true, description: "The département covered, if the coverage is a département." })
  department(@Root() c: PartnerCoverage, @Ctx() ctx: RequestContext) {
    return c.departmentCode ? ctx.loaders.lookup(Department, c.departmentCode) : null;
  }

  @FieldResolver(() => Epci, { nullable: true, description: "The EPCI covered, if the coverage is an EPCI." })
  epci(@Root() c: PartnerCoverage, @Ctx() ctx: RequestContext) {
    return c.epciSiren ? ctx.loaders.lookup(Epci, c.epciSiren) : null;
  }

  @FieldResolver(() => Commune, { nullable: true, description: "The commune covered, if the coverage is a commune." })
  commune(@Root() c: PartnerCoverage, @Ctx() ctx: RequestContext) {
    return c.communeInseeCode ? ctx.loaders.lookup(Commune, c.communeInseeCode) : null;
  }
}
