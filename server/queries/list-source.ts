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

/** What a client asked of one list: filters, order and page. */
export interface ListRequest {
  conditions: ConditionBuilder;
  /** Identifies the filter for batching: requests with the same signature share one statement. */
  signature: string;
  order: string;
  direction: "ASC" | "DESC";
  first?: number;
  after?: string | null;
}
