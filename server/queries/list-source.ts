import { SqlParams } from "../database/sql-params";

/** A way to order a list: a SQL expression (never null) and its type, to compare cursor values. */
export interface ListOrder {
  expression: string;
  type: string;
}

/**
 * Where a list's rows come from: one table under an alias, its unique key (the tie-breaker of every
 * order and the cursor's last resort), conditions always applied, and the orders clients may ask for.
 */
export interface ListSource {
  /** Unique name of the source (several sources can read one table, e.g. associations and partners). */
  name: string;
  entity: Function;
  table: string;
  alias: string;
  key: string;
  keyType: "integer" | "text" | "smallint";
  /** Conditions every list of this source applies (e.g. kind, archived rows left out). */
  where?: string[];
  orders: Record<string, ListOrder>;
  /** The concept (server/concepts) whose descriptor the source comes from. */
  concept?: string;
}

/** How the rows of a nested list relate to their parent: a condition over `parentKey` (a SQL reference). */
export interface ParentLink {
  name: string;
  keyType: "integer" | "text" | "smallint";
  condition: (parentKey: string) => string;
}

/** Filter conditions built against the statement's parameters. */
export type ConditionBuilder = (params: SqlParams) => string[];

/**
 * A filter that keeps a scope of the list (a territory: some communes' rows) whose size PostgreSQL cannot
 * estimate: it plans a semi-join through the communes with their average number of rows, where the rows of
 * one commune vary from none to tens of thousands (a city, Seine-Saint-Denis). A page of such a list is
 * read by one of two routes, chosen as the statement runs from the scope's size (see `pageStatement`):
 * the scope's rows, then sorted (small scopes), or the order's index walked, each row checked against the
 * scope (large scopes: a page is found after about first x list / scope rows).
 */
export interface ScopeRoute {
  /** The filter's conditions with the scope checked on each row found otherwise (never an index probe nor a join). */
  walking: ConditionBuilder;
  /** The filter's conditions with the scope's rows read by index, commune after commune (the reading route, and counts). */
  reading: ConditionBuilder;
  /**
   * SQL: one row (read once per statement) of two counts from the counters the database keeps
   * (docs/aggregates.md): `scope`, the list's rows in the scope (what reading the scope reads), and
   * `matching`, those of them the filter keeps as far as the counters tell (at most `scope`).
   */
  counts: (params: SqlParams) => string;
}

/** What a client asked of one list: filters, order and page. */
export interface ListRequest {
  conditions: ConditionBuilder;
  /** How a page may be read instead when the filter keeps a scope (top-level pages only). */
  scope?: ScopeRoute;
  /** Identifies the filter for batching: requests with the same signature share one statement. */
  signature: string;
  order: string;
  direction: "ASC" | "DESC";
  first?: number;
  after?: string | null;
}
