import { Association } from "../../entities/association.entity";
import { CharterSignature } from "../../entities/charter-signature.entity";
import { Commune } from "../../entities/commune.entity";
import { ContratDeVille } from "../../entities/contrat-de-ville.entity";
import { Department } from "../../entities/department.entity";
import { Epci } from "../../entities/epci.entity";
import { Funding } from "../../entities/funding.entity";
import { GoodPractice } from "../../entities/good-practice.entity";
import { Membership } from "../../entities/membership.entity";
import { Organization } from "../../entities/organization.entity";
import { ParticipationEvent } from "../../entities/participation-event.entity";
import { Partner } from "../../entities/partner.entity";
import { CooperationProject } from "../../entities/project.entity";
import { ProjectParticipant } from "../../entities/project-participant.entity";
import { Proposal } from "../../entities/proposal.entity";
import { Qpv } from "../../entities/qpv.entity";
import { Region } from "../../entities/region.entity";
import { Stake } from "../../entities/stake.entity";
import { Theme } from "../../entities/theme.entity";
import { fromGlobalId, NodeTypeName } from "../../schema/global-id";
import { Node } from "../../schema/node.interface";
import { RequestContext } from "../context";

/** The entity each global id type loads from; associations and partners share the organisation table. */
const ENTITY_OF: Record<NodeTypeName, Function> = {
  Association: Organization, Partner: Organization, Membership, Region, Department, Epci, Commune, Qpv, ContratDeVille,
  CooperationProject, ProjectParticipant, Funding, ParticipationEvent, CharterSignature, Stake, Proposal, GoodPractice, Theme,
};

/** Any node by type and key, as this request may see it; null if none. */
export async function loadNodeByKey(ctx: RequestContext, type: NodeTypeName, key: string | number): Promise<Node | null> {
  const node = (await ctx.loaders.byKey<object>(ENTITY_OF[type]).load(key)) as Node | null;
  // An association's id must not resolve a partner with the same number, and vice versa.
  if (type === "Association" && !(node instanceof Association)) return null;
  if (type === "Partner" && !(node instanceof Partner)) return null;
  return node;
}

/** Any node by global id (a rejected promise, BAD_USER_INPUT, for a malformed one: it nulls its own item only). */
export async function loadNode(ctx: RequestContext, id: string, argument: string): Promise<Node | null> {
  const { type, key } = fromGlobalId(id, argument);
  return loadNodeByKey(ctx, type, key);
}
