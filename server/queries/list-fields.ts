import { ConnectionValue, toConnection } from "../../schema/connection";
import { checkPageSize } from "../../schema/page-args";
import { OrderValue } from "../../schema/order";
import { RequestContext } from "../context";
import { CompiledFilter, NO_FILTER } from "./filters/compiled-filter";
import { ListRequest, ListSource, ParentLink } from "./list-source";

/** Arguments of a connection field once parsed. */
export interface ConnectionArgs {
  first: number;
  after?: string | null;
  orderBy?: OrderValue<string> | null;
}

function request(source: ListSource, filter: CompiledFilter, args: ConnectionArgs, defaultOrder: string): ListRequest {
  return {
    conditions: filter.conditions,
    signature: filter.signature,
    order: args.orderBy?.field ?? defaultOrder,
    direction: args.orderBy?.direction ?? "ASC",
    first: checkPageSize(args.first),
    after: args.after ?? null,
  };
}

/** A top-level connection: one statement for the page, one more only if `totalCount` is selected. */
export async function rootConnection<T>(
  ctx: RequestContext, source: ListSource, filter: CompiledFilter, args: ConnectionArgs, defaultOrder: string,
): Promise<ConnectionValue<T>> {
  const req = request(source, filter, args, defaultOrder);
  const page = await ctx.loaders.page<T>(source, req);
  return toConnection(page, () => ctx.loaders.count(source, req));
}

/** A nested connection: pages (and counts) of all parents at one level load in one statement. */
export async function nestedConnection<T>(
  ctx: RequestContext, source: ListSource, link: ParentLink, parentKey: string | number,
  args: ConnectionArgs, defaultOrder: string, filter: CompiledFilter = NO_FILTER,
): Promise<ConnectionValue<T>> {
  const req = request(source, filter, args, defaultOrder);
  const page = await ctx.loaders.pageByParent<T>(source, link, req).load(parentKey);
  return toConnection(page, () => ctx.loaders.countByParent(source, link, req).load(parentKey));
}

/** A short nested list (no pagination), in the source's given order. */
export function nestedList<T>(ctx: RequestContext, source: ListSource, link: ParentLink, parentKey: string | number, order: string): Promise<T[]> {
  return ctx.loaders.listByParent<T>(source, link, { ...NO_FILTER, order, direction: "ASC" }).load(parentKey);
}
