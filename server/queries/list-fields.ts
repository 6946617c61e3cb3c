import { ConnectionValue, lazyConnection } from "../../schema/connection";
import { checkPageSize } from "../../schema/page-args";
import { OrderValue } from "../../schema/order";
import { RequestContext } from "../context";
import { CompiledFilter, NO_FILTER } from "./filters/compiled-filter";
import { ROOT } from "../loaders/request-loaders";
import { ListRequest, ListSource, ParentLink } from "./list-source";
import { cursorPosition, Page } from "./page-query";

/** The orders a source has: the default order a resolver names is checked by the type checker (a missing one was a 500). */
export type OrderOf<S extends ListSource> = keyof S["orders"] & string;

/** Arguments of a connection field once parsed. */
export interface ConnectionArgs {
  first: number;
  after?: string | null;
  orderBy?: OrderValue<string> | null;
}

function request(source: ListSource, filter: CompiledFilter, args: ConnectionArgs, defaultOrder: string): ListRequest {
  return {
    conditions: filter.conditions,
    scope: filter.scope,
    signature: filter.signature,
    order: args.orderBy?.field ?? defaultOrder,
    direction: args.orderBy?.direction ?? "ASC",
    first: checkPageSize(args.first),
    after: args.after ?? null,
  };
}

/**
 * A connection of `parentKey` (ROOT for a top-level list): the page, the total or both, as selected, in
 * one statement for all the parents of a level. The cursor is checked at once, so that a bad one fails
 * the list field itself.
 */
function connection<T>(ctx: RequestContext, source: ListSource, link: ParentLink | null, parentKey: string | number, req: ListRequest): ConnectionValue<T> {
  cursorPosition(source, req);
  const parts = ctx.loaders.connectionPart<T>(source, link, req);
  return lazyConnection(
    () => parts.load({ parent: parentKey, part: "page" }) as Promise<Page<T>>,
    () => parts.load({ parent: parentKey, part: "count" }) as Promise<number>,
  );
}

/** A top-level connection. */
export async function rootConnection<T, S extends ListSource = ListSource>(
  ctx: RequestContext, source: S, filter: CompiledFilter, args: ConnectionArgs, defaultOrder: OrderOf<S>,
): Promise<ConnectionValue<T>> {
  return connection<T>(ctx, source, null, ROOT, request(source, filter, args, defaultOrder));
}

/** A nested connection: pages (and totals) of all parents at one level load in one statement. */
export async function nestedConnection<T, S extends ListSource = ListSource>(
  ctx: RequestContext, source: S, link: ParentLink, parentKey: string | number,
  args: ConnectionArgs, defaultOrder: OrderOf<S>, filter: CompiledFilter = NO_FILTER,
): Promise<ConnectionValue<T>> {
  return connection<T>(ctx, source, link, parentKey, request(source, filter, args, defaultOrder));
}

/** A short nested list (no pagination), in the source's given order. */
export function nestedList<T, S extends ListSource = ListSource>(
  ctx: RequestContext, source: S, link: ParentLink, parentKey: string | number, order: OrderOf<S>,
): Promise<T[]> {
  return ctx.loaders.listByParent<T>(source, link, { ...NO_FILTER, order, direction: "ASC" }).load(parentKey);
}
