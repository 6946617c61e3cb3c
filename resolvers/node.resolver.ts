import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { Association } from "../entities/association.entity";
import { CharterSignature } from "../entities/charter-signature.entity";
import { Commune } from "../entities/commune.entity";
import { ContratDeVille } from "../entities/contrat-de-ville.entity";
import { Department } from "../entities/department.entity";
import { Epci } from "../entities/epci.entity";
import { Funding } from "../entities/funding.entity";
import { GoodPractice } from "../entities/good-practice.entity";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { ParticipationEvent } from "../entities/participation-event.entity";
import { Partner } from "../entities/partner.entity";
import { CooperationProject } from "../entities/project.entity";
import { ProjectParticipant } from "../entities/project-participant.entity";
import { Proposal } from "../entities/proposal.entity";
import { Qpv } from "../entities/qpv.entity";
import { Region } from "../entities/region.entity";
import { Stake } from "../entities/stake.entity";
import { Theme } from "../entities/theme.entity";
import { fromGlobalId, NodeTypeName } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { MAX_PAGE_SIZE } from "../schema/page-args";
import { RequestContext } from "../server/context";
import { badInput } from "../server/errors";

/** The entity each global id type loads from; associations and partners share the organisation table. */
const ENTITY_OF: Record<NodeTypeName, Function> = {
  Association: Organization, Partner: Organization, Membership, Region, Department, Epci, Commune, Qpv, ContratDeVille,
  CooperationProject, ProjectParticipant, Funding, ParticipationEvent, CharterSignature, Stake, Proposal, GoodPractice, Theme,
};

async function loadNode(ctx: RequestContext, id: string, argument: string): Promise<Node | null> {
  const { type, key } = fromGlobalId(id, argument);
  const node = (await ctx.loaders.byKey<object>(ENTITY_OF[type]).load(key)) as Node | null;
  // An association's id must not resolve a partner with the same number, and vice versa.
  if (type === "Association" && !(node instanceof Association)) return null;
  if (type === "Partner" && !(node instanceof Partner)) return null;
  return node;
}

/** Relay's object identification: any entity by its global id. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object of the graph by its global id; null if it does not exist." })
  node(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: RequestContext): Promise<Node | null> {
    return loadNode(ctx, id, "id");
  }

  @Query(() => [Node], { nullable: "items", description: `Objects by global ids (at most ${MAX_PAGE_SIZE}), in the order given; null for each that does not exist (and an error for each malformed one).` })
  nodes(@Arg("ids", () => [ID], { description: "Global ids." }) ids: string[], @Ctx() ctx: RequestContext): Promise<Node | null>[] {
    if (ids.length > MAX_PAGE_SIZE) {
      throw badInput(`At most ${MAX_PAGE_SIZE} ids at once, got ${ids.length}.`, { argument: "ids", reason: "OUT_OF_RANGE" });
    }
    // One promise per item: a malformed id nulls its own item (with an error), not the whole list.
    return ids.map((id, i) => loadNode(ctx, id, `ids.${i}`));
  }
}
