import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { CharterSignature } from "../entities/charter-signature.entity";
import { Commune } from "../entities/commune.entity";
import { ContratDeVille } from "../entities/contrat-de-ville.entity";
import { GoodPractice } from "../entities/good-practice.entity";
import { Membership } from "../entities/membership.entity";
import { Organization } from "../entities/organization.entity";
import { OrganizationContact } from "../entities/organization-contact.entity";
import { Qpv } from "../entities/qpv.entity";
import { Theme } from "../entities/theme.entity";
import { EventsArgs, OrganizationsArgs, ProjectsArgs } from "../schema/args/list-args";
import { ConnectionValue } from "../schema/connection";
import { EventConnection, FundingConnection, MembershipConnection, OrganizationConnection, ParticipantConnection, ProjectConnection } from "./connections";
import { PageArgs } from "../schema/page-args";
import { QpvPresence } from "../schema/types/qpv-presence.type";
import { LocalDateScalar } from "../schema/scalars";
import { RequestContext } from "../server/context";
import { eventConditions, projectConditions } from "../server/queries/filters/activity-conditions";
import { organizationConditions } from "../server/queries/filters/organization-conditions";
import { LINKS } from "../server/queries/links";
import { nestedConnection, nestedList, rootConnection } from "../server/queries/list-fields";
import { activityByOrganization } from "../server/queries/organization-activity";
import { contactsByOrganization } from "../server/queries/organization-contacts";
import { qpvPresencesByOrganization } from "../server/queries/qpv-presence";
import { SOURCES } from "../server/queries/sources";
import type { Found } from "../server/loaders/request-loaders";

/** Fields every organisation has (associations and partners alike), and the list of all organisations. */
@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: "Associations and partners together, filtered and ordered." })
  async organizations(@Args() args: OrganizationsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionValue<Organization>> {
    return rootConnection(ctx, SOURCES.organization, await organizationConditions(ctx.loaders, args.filter), args, "NAME");
  }

  @FieldResolver(() => Commune, { nullable: true, description: "Commune of the head office." })
  commune(@Root() org: Organization, @Ctx() ctx: RequestContext): Found<Commune> {
    return org.communeInseeCode ? ctx.loaders.lookup(Commune, org.communeInseeCode) : null;
  }

  @FieldResolver(() => [Theme], { description: "Themes of its activity." })
  themes(@Root() org: Organization, @Ctx() ctx: RequestContext): Promise<Theme[]> {
    return nestedList(ctx, SOURCES.theme, LINKS.themesOfOrganization, org.id, "CODE");
  }

  @FieldResolver(() => [QpvPresence], { description: "QPVs where it is based or active (and, when asked, possibly based)." })
  qpvs(
    @Root() org: Organization,
    @Ctx() ctx: RequestContext,
    @Arg("includePossiblyBased", () => Boolean, {
      defaultValue: false,
      description: "Also list the QPVs of its head office's commune where it is `POSSIBLY_BASED` (from the RNA register: exact QPV unknown).",
    })
    includePossiblyBased: boolean,
  ): Promise<QpvPresence[]> {
    const name = includePossiblyBased ? "qpvPresencesByOrganization:all" : "qpvPresencesByOrganization";
    return ctx.loaders.raw(name, qpvPresencesByOrganization(ctx.loaders, includePossiblyBased)).load(org.id);
  }

  @FieldResolver(() => [OrganizationContact], {
    nullable: true,
    description: "People to contact (personal data): null unless you are responsible for the organisation (an admin, an officer of its territory, the manager of a network it belongs to, its editor).",
  })
  contacts(@Root() org: Organization, @Ctx() ctx: RequestContext): Promise<OrganizationContact[] | null> {
    return ctx.loaders.raw("contactsByOrganization", contactsByOrganization(ctx.loaders)).load(org.id);
  }

  @FieldResolver(() => ProjectConnection, { description: "Cooperation projects it takes part in (any role)." })
  async projects(@Root() org: Organization, @Args() args: ProjectsArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.project, LINKS.projectsOfOrganization, org.id, args, "TITLE", await projectConditions(ctx.loaders, args.filter));
  }

  @FieldResolver(() => ParticipantConnection, { description: "Its participations in projects, with its role in each." })
  participations(@Root() org: Organization, @Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.participant, LINKS.participationsOfOrganization, org.id, args, "ROLE");
  }

  @FieldResolver(() => EventConnection, { description: "Participation events it organises or co-organises." })
  async events(@Root() org: Organization, @Args() args: EventsArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.event, LINKS.eventsOfOrganization, org.id, args, "STARTS_AT", await eventConditions(ctx.loaders, args.filter));
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: "Residents reached, as its projects declare them: the sum of `residentsReached` over the projects of its `projects` list (any role; a project with several participants counts for each). Null when none of them declares a figure. (Residents counted at its events are in `events { attendance }`.)",
  })
  async residentsReached(@Root() org: Organization, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await ctx.loaders.raw("activityByOrganization", activityByOrganization(ctx.loaders)).load(org.id)).residentsReached;
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description: "Day of its last activity, up to today (Paris time): the latest of the start days of the events of its `events` list that have begun, and of the days of the projects of its `projects` list that have begun, i.e. whose start day has come (an ended project's end day, today for one still running, as `CooperationLink.lastActivityOn` dates them). Things still to come, and projects without a start day, do not count. Null when it has none.",
  })
  async lastActivityOn(@Root() org: Organization, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await ctx.loaders.raw("activityByOrganization", activityByOrganization(ctx.loaders)).load(org.id)).lastActivityOn;
  }

  @FieldResolver(() => [Membership], { description: "Its memberships of networks (current and past; see `leftOn`)." })
  networks(@Root() org: Organization, @Ctx() ctx: RequestContext): Promise<Membership[]> {
    return nestedList(ctx, SOURCES.membership, LINKS.networksOfMember, org.id, "JOINED_ON");
  }

  @FieldResolver(() => MembershipConnection, { description: "Members of this organisation when it is a network head (fédération, union, tête de réseau)." })
  networkMembers(@Root() org: Organization, @Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.membership, LINKS.membersOfNetwork, org.id, args, "JOINED_ON");
  }

  @FieldResolver(() => FundingConnection, { description: "Fundings it has given to projects." })
  fundingsGiven(@Root() org: Organization, @Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return nestedConnection(ctx, SOURCES.funding, LINKS.fundingsByFunder, org.id, args, "YEAR");
  }

  @FieldResolver(() => CharterSignature, { nullable: true, description: "Its signature of the charter for inter-associative cooperation, if it signed." })
  async charterSignature(@Root() org: Organization, @Ctx() ctx: RequestContext): Promise<CharterSignature | null> {
    const signatures: CharterSignature[] = await nestedList(ctx, SOURCES.charterSignature, LINKS.signatureOfOrganization, org.id, "SIGNED_ON");
    return signatures[0] ?? null;
  }

  @FieldResolver(() => [ContratDeVille], { description: "Contrats de ville it has signed." })
  contratsDeVille(@Root() org: Organization, @Ctx() ctx: RequestContext): Promise<ContratDeVille[]> {
    return nestedList(ctx, SOURCES.contratDeVille, LINKS.contratsOfOrganization, org.id, "NAME");
  }

  @FieldResolver(() => [GoodPractice], { description: "Good practices that feature it." })
  goodPractices(@Root() org: Organization, @Ctx() ctx: RequestContext): Promise<GoodPractice[]> {
    return nestedList(ctx, SOURCES.goodPractice, LINKS.goodPracticesOfOrganization, org.id, "TITLE");
  }
}

/** The QPV of a presence. */
@Resolver(() => QpvPresence)
export class QpvPresenceResolver {
  @FieldResolver(() => Qpv, { description: "The QPV." })
  qpv(@Root() presence: QpvPresence, @Ctx() ctx: RequestContext): Found<Qpv> {
    return ctx.loaders.lookup(Qpv, presence.qpvCode);
  }
}
