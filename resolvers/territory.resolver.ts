import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { CharterSignature } from "../entities/charter-signature.entity";
import { Commune } from "../entities/commune.entity";
import { ContratDeVille } from "../entities/contrat-de-ville.entity";
import { Department } from "../entities/department.entity";
import { Epci } from "../entities/epci.entity";
import { MunicipalDistrict } from "../entities/municipal-district.entity";
import { Qpv } from "../entities/qpv.entity";
import { Region } from "../entities/region.entity";
import { AssociationsArgs, CommunesArgs, PartnersArgs, DepartmentsArgs, EpcisArgs, EventsArgs, QpvsArgs, RegionsArgs } from "../schema/args/list-args";
import { AssociationConnection, CommuneConnection, PartnerConnection, DepartmentConnection, EpciConnection, EventConnection, QpvConnection, RegionConnection } from "./connections";
import { RequestContext } from "../server/context";
import { eventConditions } from "../server/queries/filters/activity-conditions";
import { NO_FILTER } from "../server/queries/filters/compiled-filter";
import { associationConditions, partnerConditions } from "../server/queries/filters/organization-conditions";
import { communeConditions, departmentConditions, epciConditions, qpvConditions } from "../server/queries/filters/territory-list-conditions";
import { LINKS } from "../server/queries/links";
import { nestedConnection, nestedList, rootConnection } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";
import { badInput } from "../schema/input-errors";
import { isValidInseeCode } from "../server/validation/identifiers";

/** Régions. */
@Resolver(() => Region)
export class RegionResolver {
  @Query(() => RegionConnection, { description: "Régions of France (by code unless ordered otherwise)." })
  regions(@Args() args: RegionsArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SOURCES.region, NO_FILTER, args, "CODE");
  }

  @FieldResolver(() => [Department], { description: "Its départements, by code." })
  departments(@Root() region: Region, @Ctx() ctx: RequestContext): Promise<Department[]> {
    return nestedList(ctx, SOURCES.department, LINKS.departmentsOfRegion, region.code, "CODE");
  }

  @FieldResolver(() => Commune, { nullable: true, description: "Its chef-lieu (seat)." })
  chefLieu(@Root() region: Region, @Ctx() ctx: RequestContext) {
    return region.chefLieuInseeCode ? ctx.loaders.lookup(Commune, region.chefLieuInseeCode) : null;
  }
}

/** Départements. */
@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => DepartmentConnection, { description: "Départements (by code unless ordered otherwise)." })
  async departments(@Args() args: DepartmentsArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SOURCES.department, await departmentConditions(ctx.loaders, args.filter), args, "CODE");
  }

  @FieldResolver(() => Region, { description: "Its région." })
  region(@Root() department: Department, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Region, department.regionCode);
  }

  @FieldResolver(() => Commune, { nullable: true, description: "Its chef-lieu (préfecture)." })
  chefLieu(@Root() department: Department, @Ctx() ctx: RequestContext) {
    return department.chefLieuInseeCode ? ctx.loaders.lookup(Commune, department.chefLieuInseeCode) : null;
  }

  @FieldResolver(() => CommuneConnection, { description: "Its communes." })
  async communes(@Root() department: Department, @Args() args: CommunesArgs, @Ctx() ctx: RequestContext) {
    const filter = await communeConditions(ctx.loaders, args.filter);
    return nestedConnection(ctx, SOURCES.commune, LINKS.communesOfDepartment, department.code, args, "NAME", filter);
  }

  @FieldResolver(() => [ContratDeVille], { description: "Contrats de ville of the département." })
  contratsDeVille(@Root() department: Department, @Ctx() ctx: RequestContext): Promise<ContratDeVille[]> {
    return nestedList(ctx, SOURCES.contratDeVille, LINKS.contratsOfDepartment, department.code, "NAME");
  }

  @FieldResolver(() => QpvConnection, { description: "Its QPVs." })
  async qpvs(@Root() department: Department, @Args() args: QpvsArgs, @Ctx() ctx: RequestContext) {
    const filter = await qpvConditions(ctx.loaders, args.filter);
    return nestedConnection(ctx, SOURCES.qpv, LINKS.qpvsOfDepartment, department.code, args, "NAME", filter);
  }
}

/** EPCI. */
@Resolver(() => Epci)
export class EpciResolver {
  @Query(() => EpciConnection, { description: "EPCI (intercommunal bodies), by name." })
  async epcis(@Args() args: EpcisArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SOURCES.epci, await epciConditions(ctx.loaders, args.filter), args, "NAME");
  }

  @FieldResolver(() => [Commune], { description: "Member communes, by name." })
  communes(@Root() epci: Epci, @Ctx() ctx: RequestContext): Promise<Commune[]> {
    return nestedList(ctx, SOURCES.commune, LINKS.communesOfEpci, epci.siren, "NAME");
  }

  @FieldResolver(() => [ContratDeVille], { description: "Contrats de ville the EPCI carries." })
  contratsDeVille(@Root() epci: Epci, @Ctx() ctx: RequestContext): Promise<ContratDeVille[]> {
    return nestedList(ctx, SOURCES.contratDeVille, LINKS.contratsOfEpci, epci.siren, "NAME");
  }

  @FieldResolver(() => [Qpv], { description: "QPVs in its member communes, by name." })
  qpvs(@Root() epci: Epci, @Ctx() ctx: RequestContext): Promise<Qpv[]> {
    return nestedList(ctx, SOURCES.qpv, LINKS.qpvsOfEpci, epci.siren, "NAME");
  }
}

/** Communes. */
@Resolver(() => Commune)
export class CommuneResolver {
  @Query(() => CommuneConnection, { description: "Communes, filtered (by name unless ordered otherwise)." })
  async communes(@Args() args: CommunesArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SOURCES.commune, await communeConditions(ctx.loaders, args.filter), args, "NAME");
  }

  @Query(() => Commune, { nullable: true, description: "One commune by INSEE code; a Paris, Lyon or Marseille district code gives its city; null if unknown." })
  async commune(@Arg("inseeCode", { description: 'INSEE code, e.g. "59512"; "75114" gives Paris.' }) inseeCode: string, @Ctx() ctx: RequestContext) {
    if (!isValidInseeCode(inseeCode)) {
      throw badInput(`"${inseeCode}" is not an INSEE commune code.`, { argument: "inseeCode", reason: "MALFORMED" });
    }
    const district = await ctx.loaders.lookup(MunicipalDistrict, inseeCode);
    return ctx.loaders.lookup(Commune, district?.cityInseeCode ?? inseeCode);
  }

  @FieldResolver(() => Department, { description: "Its département." })
  department(@Root() commune: Commune, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Department, commune.departmentCode);
  }

  @FieldResolver(() => Epci, { nullable: true, description: "Its EPCI (a few islands belong to none)." })
  epci(@Root() commune: Commune, @Ctx() ctx: RequestContext) {
    return commune.epciSiren ? ctx.loaders.lookup(Epci, commune.epciSiren) : null;
  }

  @FieldResolver(() => [MunicipalDistrict], { description: "Municipal districts (Paris, Lyon, Marseille only; empty elsewhere)." })
  districts(@Root() commune: Commune, @Ctx() ctx: RequestContext): Promise<MunicipalDistrict[]> {
    return nestedList(ctx, SOURCES.district, LINKS.districtsOfCommune, commune.inseeCode, "INSEE_CODE");
  }

  @FieldResolver(() => [Qpv], { description: "QPVs lying (partly) in the commune." })
  qpvs(@Root() commune: Commune, @Ctx() ctx: RequestContext): Promise<Qpv[]> {
    return nestedList(ctx, SOURCES.qpv, LINKS.qpvsOfCommune, commune.inseeCode, "CODE");
  }

  @FieldResolver(() => AssociationConnection, { description: "Associations with their head office in the commune." })
  async associations(@Root() commune: Commune, @Args() args: AssociationsArgs, @Ctx() ctx: RequestContext) {
    const filter = await associationConditions(ctx.loaders, args.filter);
    return nestedConnection(ctx, SOURCES.association, LINKS.organizationsInCommune, commune.inseeCode, args, "NAME", filter);
  }

  @FieldResolver(() => PartnerConnection, { description: "Partners with their head office in the commune." })
  async partners(@Root() commune: Commune, @Args() args: PartnersArgs, @Ctx() ctx: RequestContext) {
    const filter = await partnerConditions(ctx.loaders, args.filter);
    return nestedConnection(ctx, SOURCES.partner, LINKS.organizationsInCommune, commune.inseeCode, args, "NAME", filter);
  }

  @FieldResolver(() => PartnerConnection, {
    description: "Partners whose coverage includes the commune: the commune itself, its EPCI, its département or its région.",
  })
  async coveringPartners(@Root() commune: Commune, @Args() args: PartnersArgs, @Ctx() ctx: RequestContext) {
    const filter = await partnerConditions(ctx.loaders, args.filter);
    return nestedConnection(ctx, SOURCES.partner, LINKS.partnersCoveringCommune, commune.inseeCode, args, "NAME", filter);
  }

  @FieldResolver(() => [CharterSignature], { description: "Signatures of the charter made in the commune, oldest first." })
  charterSignatures(@Root() commune: Commune, @Ctx() ctx: RequestContext): Promise<CharterSignature[]> {
    return nestedList(ctx, SOURCES.charterSignature, LINKS.signaturesInCommune, commune.inseeCode, "SIGNED_ON");
  }

  @FieldResolver(() => [ContratDeVille], { description: "Contrats de ville carried by the commune itself." })
  contratsDeVille(@Root() commune: Commune, @Ctx() ctx: RequestContext): Promise<ContratDeVille[]> {
    return nestedList(ctx, SOURCES.contratDeVille, LINKS.contratsOfCommune, commune.inseeCode, "NAME");
  }

  @FieldResolver(() => EventConnection, { description: "Participation events held in the commune." })
  async events(@Root() commune: Commune, @Args() args: EventsArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.event, LINKS.eventsInCommune, commune.inseeCode, args, "STARTS_AT", await eventConditions(ctx.loaders, args.filter));
  }
}

/** Municipal districts. */
@Resolver(() => MunicipalDistrict)
export class MunicipalDistrictResolver {
  @FieldResolver(() => Commune, { description: "The city the district belongs to." })
  city(@Root() district: MunicipalDistrict, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Commune, district.cityInseeCode);
  }
}
