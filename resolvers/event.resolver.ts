import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Commune } from "../entities/commune.entity";
import { Organization } from "../entities/organization.entity";
import { ParticipationEvent } from "../entities/participation-event.entity";
import { CooperationProject } from "../entities/project.entity";
import { Qpv } from "../entities/qpv.entity";
import { EventsArgs } from "../schema/args/list-args";
import { ConnectionValue } from "../schema/connection";
import { EventConnection } from "./connections";
import { fromGlobalIdOf } from "../schema/global-id";
import { RequestContext } from "../server/context";
import { eventConditions } from "../server/queries/filters/activity-conditions";
import { LINKS } from "../server/queries/links";
import { nestedList, rootConnection } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";

/** Participation events: lists, lookup, venue, organisers and project. */
@Resolver(() => ParticipationEvent)
export class EventResolver {
  @Query(() => EventConnection, { description: "Residents' participation events, filtered and ordered (by start time by default)." })
  async events(@Args() args: EventsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionValue<ParticipationEvent>> {
    return rootConnection(ctx, SOURCES.event, await eventConditions(ctx.loaders, args.filter), args, "STARTS_AT");
  }

  @Query(() => ParticipationEvent, { nullable: true, description: "One event by id; null if none." })
  event(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(ParticipationEvent, fromGlobalIdOf(id, ["ParticipationEvent"]).key);
  }

  @FieldResolver(() => Commune, { description: "Commune of the venue." })
  commune(@Root() event: ParticipationEvent, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Commune, event.communeInseeCode);
  }

  @FieldResolver(() => Qpv, { nullable: true, description: "QPV the event is held in or for." })
  qpv(@Root() event: ParticipationEvent, @Ctx() ctx: RequestContext) {
    return event.qpvCode ? ctx.loaders.lookup(Qpv, event.qpvCode) : null;
  }

  @FieldResolver(() => CooperationProject, { nullable: true, description: "Project the event belongs to, if any (null when it is a draft you may not see)." })
  project(@Root() event: ParticipationEvent, @Ctx() ctx: RequestContext) {
    return event.projectId ? ctx.loaders.lookup(CooperationProject, event.projectId) : null;
  }

  @FieldResolver(() => [Organization], { description: "Organisations that organise the event." })
  organizers(@Root() event: ParticipationEvent, @Ctx() ctx: RequestContext): Promise<Organization[]> {
    return nestedList(ctx, SOURCES.organization, LINKS.organizersOfEvent, event.id, "NAME");
  }
}
