import { Args, Ctx, Query, Resolver } from "type-graphql";
import { GraphQLError } from "graphql";
import { AuditEntry } from "../entities/audit-entry.entity";
import { AuditEntriesArgs } from "../schema/args/audit-args";
import { ConnectionValue } from "../schema/connection";
import { OrderDirection } from "../schema/order";
import { AuditEntryConnection } from "./connections";
import { RequestContext } from "../server/context";
import { auditConditions } from "../server/queries/filters/audit-conditions";
import { rootConnection } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";

/** The audit trail, read through the same list engine (and row access) as everything else. */
@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description: "The audit trail, latest change first: admins read all of it, association editors the changes of their own organisation's records " +
      "that they may see now; references to drafts they may not see are null in the snapshots (left out of lists).",
  })
  auditEntries(@Args() args: AuditEntriesArgs, @Ctx() ctx: RequestContext): Promise<ConnectionValue<AuditEntry>> {
    if (ctx.viewer.role !== "ADMIN" && ctx.viewer.role !== "ASSOCIATION_EDITOR") {
      throw new GraphQLError("Only admins and association editors may read the audit trail.", { extensions: { code: "FORBIDDEN" } });
    }
    return rootConnection(ctx, SOURCES.auditEntry, auditConditions(args.filter), { ...args, orderBy: { field: "ID", direction: OrderDirection.DESC } }, "ID");
  }
}
