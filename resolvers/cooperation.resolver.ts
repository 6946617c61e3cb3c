import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { CooperationLink } from "../entities/cooperation-link.view";
import { Organization } from "../entities/organization.entity";
import { CooperationProject } from "../entities/project.entity";
import { Qpv } from "../entities/qpv.entity";
import { Theme } from "../entities/theme.entity";
import {
  CooperationHubsArgs, CooperationLinksArgs, CooperationNetworkArgs, CooperationPathArgs, PartnerSuggestionsArgs,
} from "./args/cooperation-args";
import { CooperationLinkConnection } from "./connections";
import { CooperationLinkOrderField } from "../schema/inputs/cooperation-filters";
import { OrderDirection } from "../schema/order";
import { fromGlobalIdOf } from "../schema/global-id";
import {
  CooperationEdge, CooperationHub, CooperationNetwork, CooperationNetworkNode, CooperationPath, PartnerSuggestion, SuggestionReason,
} from "../schema/types/cooperation.type";
import { RequestContext } from "../server/context";
import { badInput } from "../schema/input-errors";
import { cooperationHubs } from "../server/queries/cooperation/hubs";
import { cooperationLinkConditions } from "../server/queries/cooperation/link-conditions";
import { cooperationNetwork, MAX_NETWORK_NODES, NetworkLinkRow } from "../server/queries/cooperation/network";
import { cooperationPath } from "../server/queries/cooperation/path";
import { toSuggestions } from "../server/queries/cooperation/suggestion-reasons";
import { partnerSuggestions } from "../server/queries/cooperation/suggestions";
import { organizationConditions } from "../server/queries/filters/organization-conditions";
import { LINKS } from "../server/queries/links";
import { nestedConnection } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";
import { checkRange } from "../schema/validation/ranges";

const ORGANIZATION_TYPES = ["Association", "Partner"] as const;

/** Decodes an organisation id and checks the organisation exists (BAD_USER_INPUT otherwise). */
async function existingOrganization(ctx: RequestContext, id: string, argument: string): Promise<number> {
  const key = Number(fromGlobalIdOf(id, ORGANIZATION_TYPES, argument).key);
  if (!(await ctx.loaders.lookup(Organization, key))) {
    throw badInput(`No organisation has the id "${id}".`, { argument, reason: "UNKNOWN_REFERENCE" });
  }
  return key;
}

/** A link row as an edge between global ids, oriented from `from` when given. */
async function toEdge(ctx: RequestContext, link: NetworkLinkRow, from?: number): Promise<CooperationEdge> {
  const [a, b] = from === link.partnerId ? [link.partnerId, link.organizationId] : [link.organizationId, link.partnerId];
  const [source, target] = await Promise.all([a, b].map((id) => ctx.loaders.lookup(Organization, id)));
  return Object.assign(new CooperationEdge(), {
    source: source!.nodeId, target: target!.nodeId, kinds: link.kinds, weight: link.weight, lastActivityOn: link.lastActivityOn,
  });
}

/** The cooperation graph: networks, paths, hubs and partner suggestions. */
@Resolver()
export class CooperationResolver {
  @Query(() => CooperationNetwork, { description: "The cooperation network around some organisations, up to 3 links away, ready to draw." })
  async cooperationNetwork(@Args() args: CooperationNetworkArgs, @Ctx() ctx: RequestContext): Promise<CooperationNetwork> {
    checkRange(args.roots.length, 1, 20, "roots");
    checkRange(args.depth, 1, 3, "depth");
    checkRange(args.maxNodes, 1, MAX_NETWORK_NODES, "maxNodes");
    const roots = await Promise.all(args.roots.map((id, i) => existingOrganization(ctx, id, `roots.${i}`)));
    const network = await cooperationNetwork(ctx.loaders, roots, args.depth, args.maxNodes, cooperationLinkConditions(args.filter));
    const degree = new Map<number, number>();
    for (const link of network.links) for (const id of [link.organizationId, link.partnerId]) degree.set(id, (degree.get(id) ?? 0) + 1);
    return Object.assign(new CooperationNetwork(), {
      nodes: network.nodes.map((n) => Object.assign(new CooperationNetworkNode(), { ...n, degree: degree.get(n.organizationId) ?? 0 })),
      edges: await Promise.all(network.links.map((link) => toEdge(ctx, link))),
    });
  }

  @Query(() => CooperationPath, { nullable: true, description: "The shortest chain of cooperation between two organisations; null if none within `maxLength` links." })
  async cooperationPath(@Args() args: CooperationPathArgs, @Ctx() ctx: RequestContext): Promise<CooperationPath | null> {
    checkRange(args.maxLength, 1, 8, "maxLength");
    const [from, to] = await Promise.all([existingOrganization(ctx, args.from, "from"), existingOrganization(ctx, args.to, "to")]);
    const path = await cooperationPath(ctx.loaders, from, to, args.maxLength, cooperationLinkConditions(args.filter));
    if (!path) return null;
    return Object.assign(new CooperationPath(), {
      organizationIds: path.organizationIds,
      length: path.links.length,
      edges: await Promise.all(path.links.map((link, i) => toEdge(ctx, link, path.organizationIds[i]))),
    });
  }

  @Query(() => [CooperationHub], { description: "The most connected organisations among those the filter selects (e.g. of a territory): most partners first." })
  async cooperationHubs(@Args() args: CooperationHubsArgs, @Ctx() ctx: RequestContext): Promise<CooperationHub[]> {
    checkRange(args.first, 1, 100, "first");
    const organizations = await organizationConditions(ctx.loaders, args.filter);
    const hubs = await cooperationHubs(ctx.loaders, organizations, cooperationLinkConditions(args.linkFilter), args.first);
    return hubs.map((hub) => Object.assign(new CooperationHub(), hub));
  }

  @Query(() => [PartnerSuggestion], {
    description: "Organisations to work with, for an organisation or a project: active in the same or nearby QPVs, with matching or complementary themes, and no link yet; best first.",
  })
  async partnerSuggestions(@Args() args: PartnerSuggestionsArgs, @Ctx() ctx: RequestContext): Promise<PartnerSuggestion[]> {
    checkRange(args.first, 1, 50, "first");
    checkRange(args.radiusMeters, 0, 20000, "radiusMeters");
    if ((args.organizationId == null) === (args.projectId == null)) {
      throw badInput("Give exactly one of organizationId or projectId.", { argument: "organizationId|projectId", reason: "MALFORMED" });
    }
    let subject: Parameters<typeof partnerSuggestions>[1];
    if (args.organizationId != null) {
      subject = { kind: "organization", id: await existingOrganization(ctx, args.organizationId, "organizationId") };
    } else {
      const id = Number(fromGlobalIdOf(args.projectId!, ["CooperationProject"], "projectId").key);
      if (!(await ctx.loaders.lookup(CooperationProject, id))) {
        throw badInput(`No project has the id "${args.projectId}".`, { argument: "projectId", reason: "UNKNOWN_REFERENCE" });
      }
      subject = { kind: "project", id };
    }
    return toSuggestions(await partnerSuggestions(ctx.loaders, subject, args.radiusMeters, args.first));
  }
}

/** An organisation's cooperation links. */
@Resolver(() => Organization)
export class OrganizationCooperationResolver {
  @FieldResolver(() => CooperationLinkConnection, { description: "Organisations it cooperates with (shared projects, co-organised events, fundings, memberships), heaviest links first." })
  cooperationLinks(@Root() org: Organization, @Args() args: CooperationLinksArgs, @Ctx() ctx: RequestContext) {
    // Heaviest first unless asked otherwise.
    const orderBy = { field: args.orderBy?.field ?? CooperationLinkOrderField.WEIGHT, direction: args.orderBy?.direction ?? OrderDirection.DESC };
    return nestedConnection(ctx, SOURCES.cooperationLink, LINKS.linksOfOrganization, org.id, { ...args, orderBy }, "WEIGHT",
      cooperationLinkConditions(args.filter));
  }
}

/** Both ends of a cooperation link. */
@Resolver(() => CooperationLink)
export class CooperationLinkResolver {
  @FieldResolver(() => Organization, { description: "The organisation the link is seen from." })
  organization(@Root() link: CooperationLink, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, link.organizationId);
  }

  @FieldResolver(() => Organization, { description: "The organisation it cooperates with." })
  partner(@Root() link: CooperationLink, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, link.partnerId);
  }
}

/** Organisations of networks, paths, hubs and suggestions. */
@Resolver(() => CooperationNetworkNode)
export class CooperationNetworkNodeResolver {
  @FieldResolver(() => Organization, { description: "The organisation." })
  organization(@Root() node: CooperationNetworkNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, node.organizationId);
  }
}

/** The organisations along a path. */
@Resolver(() => CooperationPath)
export class CooperationPathResolver {
  @FieldResolver(() => [Organization], { description: "The organisations of the chain, from start to end." })
  async organizations(@Root() path: CooperationPath, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byKey(Organization).loadMany(path.organizationIds);
  }
}

/** The organisation of a hub. */
@Resolver(() => CooperationHub)
export class CooperationHubResolver {
  @FieldResolver(() => Organization, { description: "The organisation." })
  organization(@Root() hub: CooperationHub, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, hub.organizationId);
  }
}

/** The organisation of a suggestion. */
@Resolver(() => PartnerSuggestion)
export class PartnerSuggestionResolver {
  @FieldResolver(() => Organization, { description: "The suggested organisation." })
  organization(@Root() suggestion: PartnerSuggestion, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, suggestion.organizationId);
  }
}

/** What a suggestion reason refers to. */
@Resolver(() => SuggestionReason)
export class SuggestionReasonResolver {
  @FieldResolver(() => Qpv, { nullable: true, description: "The QPV, for SAME_QPV and NEARBY_QPV." })
  qpv(@Root() reason: SuggestionReason, @Ctx() ctx: RequestContext) {
    return reason.qpvCode ? ctx.loaders.lookup(Qpv, reason.qpvCode) : null;
  }

  @FieldResolver(() => Theme, { nullable: true, description: "The theme, for SHARED_THEME and COMPLEMENTARY_THEME." })
  theme(@Root() reason: SuggestionReason, @Ctx() ctx: RequestContext) {
    return reason.themeCode ? ctx.loaders.lookup(Theme, reason.themeCode) : null;
  }
}

