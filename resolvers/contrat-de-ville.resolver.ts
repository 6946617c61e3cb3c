import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Commune } from "../entities/commune.entity";
import { ContratDeVille } from "../entities/contrat-de-ville.entity";
import { Department } from "../entities/department.entity";
import { Epci } from "../entities/epci.entity";
import { Organization } from "../entities/organization.entity";
import { Qpv } from "../entities/qpv.entity";
import { ContratDeVilleConnection } from "./connections";
import { ContratsDeVilleArgs } from "../schema/args/list-args";
import { RequestContext } from "../server/context";
import { contratDeVilleConditions } from "../server/queries/filters/activity-conditions";
import { LINKS } from "../server/queries/links";
import { nestedList, rootConnection } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";

/** Contrats de ville, their territory and signatories. */
@Resolver(() => ContratDeVille)
export class ContratDeVilleResolver {
  @Query(() => ContratDeVilleConnection, { description: "Contrats de ville, by name." })
  async contratsDeVille(@Args() args: ContratsDeVilleArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SOURCES.contratDeVille, await contratDeVilleConditions(ctx.loaders, args.filter), args, "NAME");
  }

  @FieldResolver(() => Department, { description: "Département of the contract." })
  department(@Root() contrat: ContratDeVille, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Department, contrat.departmentCode);
  }

  @FieldResolver(() => Epci, { nullable: true, description: "EPCI that carries the contract, if intercommunal." })
  epci(@Root() contrat: ContratDeVille, @Ctx() ctx: RequestContext) {
    return contrat.epciSiren ? ctx.loaders.lookup(Epci, contrat.epciSiren) : null;
  }

  @FieldResolver(() => Commune, { nullable: true, description: "Commune that carries the contract, if communal." })
  commune(@Root() contrat: ContratDeVille, @Ctx() ctx: RequestContext) {
    return contrat.communeInseeCode ? ctx.loaders.lookup(Commune, contrat.communeInseeCode) : null;
  }

  @FieldResolver(() => [Qpv], { description: "QPVs the contract covers." })
  qpvs(@Root() contrat: ContratDeVille, @Ctx() ctx: RequestContext): Promise<Qpv[]> {
    return nestedList(ctx, SOURCES.qpv, LINKS.qpvsOfContrat, contrat.id, "CODE");
  }

  @FieldResolver(() => [Organization], { description: "Signatory organisations (State, communes, EPCI, partners)." })
  signatories(@Root() contrat: ContratDeVille, @Ctx() ctx: RequestContext): Promise<Organization[]> {
    return nestedList(ctx, SOURCES.organization, LINKS.signatoriesOfContrat, contrat.id, "NAME");
  }
}
