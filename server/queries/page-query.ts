import { DataSource } from "typeorm";
import { Embedding, ReadSession, withEmbedding } from "../database/sql-session";
import { hydrate, selectList } from "../database/hydrate";
import { RowAccess } from "../access/row-access";
import { SqlParams } from "../database/sql-params";
import { decodeCursor, encodeCursor } from "./cursor";
import { ConditionBuilder, ListRequest, ListSource, ParentLink, ScopeRoute } from "./list-source";

/** One page of a list, in Relay's shape, before GraphQL wraps it. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  hasNextPage: boolean;
}

function embeddingOf(db: ReadSession, source: ListSource, params: SqlParams): Embedding | null {
  return db.embedding?.(db.dataSource.getMetadata(source.entity), params) ?? null;
}


function orderOf(source: ListSource, request: ListRequest) {
  const order = source.orders[request.order];
  if (!order) throw new Error(`${source.table} has no order ${request.order}`);
  return order;
}

/** The position `after` names in this list and order, or null; throws BAD_USER_INPUT (INVALID_CURSOR) for a cursor of another list. */
export function cursorPosition(source: ListSource, request: ListRequest) {
  if (!request.after) return null;
  const order = orderOf(source, request);
  return decodeCursor(request.after, { list: source.name, order: request.order, sortType: order.type, keyType: source.keyType });
}

/**
 * The FROM/WHERE/ORDER BY part shared by pages and counts, for one parent or the whole list, as `access` may see it;
 * `filter`: the filter's conditions (those of a scope's walking route instead of the request's own), `extra`: more.
 */
export function listStatementParts(
  access: RowAccess, source: ListSource, request: ListRequest, params: SqlParams, parentCondition: string | null, withCursor: boolean,
  filter: ConditionBuilder = request.conditions, extra: string[] = [],
) {
  const a = source.alias;
  const order = orderOf(source, request);
  const conditions = [...(source.where ?? []), ...access.listConditions(source, params), ...filter(params), ...extra];
  if (parentCondition) conditions.push(parentCondition);
  if (withCursor && request.after) {
    const position = cursorPosition(source, request)!;
    const comparison = request.direction === "ASC" ? ">" : "<";
    conditions.push(
      `(${order.expression}, ${source.key}) ${comparison} (${params.add(position.sort)}::${order.type}, ${params.add(position.key)}::${source.keyType})`,
    );
  }
  const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
  const direction = request.direction;
  return {
    from: `FROM ${source.table} ${a} ${where}`,
    orderBy: `ORDER BY ${order.expression} ${direction}, ${source.key} ${direction}`,
    sortText: `(${order.expression})::text`,
  };
}

/** The page's columns, as `access` reads them, and its LIMIT (one row more than asked: it says whether more follow). */
function pageSelect(db: ReadSession, access: RowAccess, source: ListSource, request: ListRequest, params: SqlParams) {
  const metadata = db.dataSource.getMetadata(source.entity);
  const columns = db.columnsOf?.(metadata);
  // A parameter, not inlined: one statement text (one prepared plan) for every page size.
  const size = request.first === undefined ? null : params.add(request.first + 1);
  return {
    size,
    limit: size === null ? "" : `LIMIT ${size}`,
    columns: selectList(metadata, source.alias, access.readColumns(source.table, source.alias, params, columns), columns),
  };
}

/**
 * How much more a row costs when the order's index is walked than when it is read among the scope's rows
 * (both fetch it from the table by an index, each row on a page of its own: the walk checks the scope, the
 * other sorts). At scale 1, about as much.
 */
const WALK_ROW_COST = 1;

/**
 * A route's gate, read once (`__route`). `pg_backend_pid()` is there for its parallel safety: restricted,
 * it keeps the gate above any parallel part of the route's plan, so that a route not taken starts no
 * worker (two workers cost 20-30 ms before the gate is read).
 */
const gate = (walk: boolean) => `${walk ? "" : "NOT "}(SELECT walk FROM __route) AND pg_backend_pid() IS NOT NULL`;

/**
 * The page statement of a top-level list: its rows (columns and `__sort`), LIMIT first + 1.
 *
 * When the filter keeps a scope (`request.scope`, e.g. a département), PostgreSQL cannot tell how many rows
 * it holds (it assumes each commune holds the average), so its plan is right for some scopes and wrong by
 * a factor of 100 for others: reading Seine-Saint-Denis' 153,000 associations to sort them when walking
 * the name index finds the first 101 among 1,000 rows, or walking 134,000 associations in name order to
 * find the first 101 of Lozère. The statement then holds both routes, each forced, and reads one: which
 * is decided as it runs (a one-time filter over `__route`, read once), from the counts the counters tell,
 * `scope` (the list's rows in the scope) and `matching` (those the filter keeps, as far as counted):
 * - the scope's rows, then sorted: about `scope` rows read;
 * - the order's index walked, every row checked against the scope (a hashed subplan, see
 *   territoryChecks): about (first + 1) x table / `matching` rows read.
 * The walk is read when it reads fewer rows (matching x scope >= (first + 1) x table x WALK_ROW_COST, the
 * table's rows as PostgreSQL last counted them, pg_class.reltuples; when never counted, taken as `scope`).
 * Both routes return the same rows in the same order: only the work differs. The filter's other
 * conditions stay in both, for PostgreSQL to use as it sees fit.
 */
function pageStatement(db: ReadSession, access: RowAccess, source: ListSource, request: ListRequest, params: SqlParams): string {
  const { size, limit, columns } = pageSelect(db, access, source, request, params);
  if (!request.scope || size === null) {
    const { from, orderBy, sortText } = listStatementParts(access, source, request, params, null, true);
    return `SELECT ${columns}, ${sortText} AS __sort ${from} ${orderBy} ${limit}`;
  }
  return scopedPageStatement(access, source, request, request.scope, params, columns, size);
}

/**
 * The page statement of a top-level list whose filter keeps a scope (see pageStatement): its rows
 * (`columns`, `__sort`, `__order`, `__key`), at most `size` (SQL) of them, in the list's order. Also the
 * compiled read path's (server/queries/compiled).
 */
export function scopedPageStatement(
  access: RowAccess, source: ListSource, request: ListRequest, scope: ScopeRoute, params: SqlParams, columns: string, size: string,
): string {
  const order = orderOf(source, request);
  const route = `__route AS MATERIALIZED (SELECT s.matching::float8 * s.scope >= ${size}::float8 * ${WALK_ROW_COST}
      * (CASE WHEN c.reltuples < 0 THEN s.scope ELSE c.reltuples END) AS walk
    FROM (${scope.counts(params)}) s, pg_class c WHERE c.oid = '${source.table}'::regclass)`;
  const walking = listStatementParts(access, source, request, params, null, true, scope.walking, [gate(true)]);
  const reading = listStatementParts(access, source, request, params, null, true, scope.reading, [gate(false)]);
  const outputs = `${columns}, ${walking.sortText} AS __sort, ${order.expression} AS __order, ${source.key} AS __key`;
  const direction = request.direction;
  const limit = `LIMIT ${size}`;
  // The scope's rows in a subquery of their own (OFFSET 0), planned to be read whole, then sorted: PostgreSQL
  // would otherwise walk the order's index when it expects the scope to be large.
  return `WITH ${route}
    SELECT * FROM ((SELECT ${outputs} ${walking.from} ${walking.orderBy} ${limit})
      UNION ALL (SELECT * FROM (SELECT ${outputs} ${reading.from} OFFSET 0) r ORDER BY r.__order ${direction}, r.__key ${direction} ${limit})) routes
    ORDER BY routes.__order ${direction}, routes.__key ${direction}`;
}

/** Rows of a statement over many parents, grouped by the parent key in `column`. */
function rowsByParent(rows: Record<string, unknown>[], column: string): Map<string, Record<string, unknown>[]> {
  const byParent = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const key = String(row[column]);
    const group = byParent.get(key);
    if (group) group.push(row);
    else byParent.set(key, [row]);
  }
  return byParent;
}

/** An edge whose cursor is encoded only if read (most nested lists never show theirs). */
class LazyEdge<T> {
  constructor(private readonly source: ListSource, private readonly order: string, private readonly sort: string, private readonly key: string | number, readonly node: T) {}

  get cursor(): string {
    return encodeCursor({ list: this.source.name, order: this.order, sort: this.sort, key: this.key });
  }
}

function toPage<T>(
  dataSource: DataSource, source: ListSource, request: ListRequest, rows: Record<string, unknown>[], embedding: Embedding | null,
): Page<T> {
  const metadata = dataSource.getMetadata(source.entity);
  const limit = request.first ?? Infinity;
  const keyColumn = source.key.split(".")[1];
  rows = rows.filter((row) => row.__sort !== null);
  return {
    hasNextPage: rows.length > limit,
    edges: rows.slice(0, limit).map((row) => {
      const node = hydrate<T>(dataSource, metadata, row);
      embedding?.prime(row, node as Record<string, unknown>);
      return new LazyEdge(source, request.order, row.__sort as string, row[keyColumn] as string | number, node);
    }),
  };
}

/** One page of a top-level list: a single statement, LIMIT first + 1 to know if more follow. */
export async function fetchPage<T>(db: ReadSession, access: RowAccess, source: ListSource, request: ListRequest): Promise<Page<T>> {
  const params = new SqlParams();
  const page = pageStatement(db, access, source, request, params);
  const embedding = embeddingOf(db, source, params);
  const rows = await db.sql.query(withEmbedding(page, embedding), params.values);
  return toPage<T>(db.dataSource, source, request, rows, embedding);
}

/**
 * Pages of a nested list for many parents at once: one statement, a LATERAL subquery per parent key,
 * so each parent gets its own LIMIT (and its own index range scan).
 */
export async function fetchPagesByParent<T>(
  db: ReadSession,
  access: RowAccess,
  source: ListSource,
  link: ParentLink,
  request: ListRequest,
  parentKeys: readonly (string | number)[],
): Promise<Page<T>[]> {
  const params = new SqlParams();
  const keys = params.add(parentKeys);
  const { from, orderBy, sortText } = listStatementParts(access, source, request, params, link.condition("parent.key"), true);
  const { limit, columns } = pageSelect(db, access, source, request, params);
  const embedding = embeddingOf(db, source, params);
  const rows: Record<string, unknown>[] = await db.sql.query(
    `SELECT page.*${embedding?.columns ?? ""} FROM unnest(${keys}::${link.keyType}[]) AS parent(key)
     CROSS JOIN LATERAL (SELECT ${columns}, ${sortText} AS __sort, parent.key AS __parent ${from} ${orderBy} ${limit}) page ${embedding?.joins ?? ""}`,
    params.values,
  );
  const byParent = rowsByParent(rows, "__parent");
  return parentKeys.map((k) => toPage<T>(db.dataSource, source, request, byParent.get(String(k)) ?? [], embedding));
}

/** Number of rows of a top-level list (only run when a client asks for `totalCount`). */
export async function countRows(db: ReadSession, access: RowAccess, source: ListSource, request: ListRequest): Promise<number> {
  const params = new SqlParams();
  const { from } = listStatementParts(access, source, request, params, null, false, request.scope?.reading);
  const [row] = await db.sql.query(`SELECT count(*)::int AS count ${from}`, params.values);
  return row.count;
}

/** Number of rows of a nested list for many parents, in one statement. */
export async function countRowsByParent(
  db: ReadSession,
  access: RowAccess,
  source: ListSource,
  link: ParentLink,
  request: ListRequest,
  parentKeys: readonly (string | number)[],
): Promise<number[]> {
  const params = new SqlParams();
  const keys = params.add(parentKeys);
  const { from } = listStatementParts(access, source, request, params, link.condition("parent.key"), false);
  const rows: { key: unknown; count: number }[] = await db.sql.query(
    `SELECT parent.key AS key, (SELECT count(*)::int ${from}) AS count FROM unnest(${keys}::${link.keyType}[]) AS parent(key)`,
    params.values,
  );
  const counts = new Map(rows.map((r) => [String(r.key), r.count]));
  return parentKeys.map((k) => counts.get(String(k)) ?? 0);
}

/** A page and the list's total, for one parent or a top-level list. */
export interface PageAndCount<T> {
  page: Page<T>;
  count: number;
}

/**
 * A top-level page and the list's total in one statement (when a client selects both `edges` and
 * `totalCount`): one round trip and one plan instead of two. The count is a subquery of its own, so the
 * page keeps its LIMIT (an ordered index scan stops early) whatever the total.
 */
export async function fetchPageAndCount<T>(db: ReadSession, access: RowAccess, source: ListSource, request: ListRequest): Promise<PageAndCount<T>> {
  const params = new SqlParams();
  const counted = listStatementParts(access, source, request, params, null, false, request.scope?.reading);
  const page = pageStatement(db, access, source, request, params);
  const embedding = embeddingOf(db, source, params);
  const rows: Record<string, unknown>[] = await db.sql.query(
    `SELECT t.__total, page.*${embedding?.columns ?? ""} FROM (SELECT count(*)::int AS __total ${counted.from}) t
     LEFT JOIN LATERAL (${page}) page ON true ${embedding?.joins ?? ""}`,
    params.values,
  );
  return { page: toPage<T>(db.dataSource, source, request, rows, embedding), count: rows[0].__total as number };
}

/** Pages and totals of a nested list for many parents at once, in one statement (see fetchPageAndCount). */
export async function fetchPagesAndCountsByParent<T>(
  db: ReadSession,
  access: RowAccess,
  source: ListSource,
  link: ParentLink,
  request: ListRequest,
  parentKeys: readonly (string | number)[],
): Promise<PageAndCount<T>[]> {
  const params = new SqlParams();
  const keys = params.add(parentKeys);
  const counted = listStatementParts(access, source, request, params, link.condition("parent.key"), false);
  const { from, orderBy, sortText } = listStatementParts(access, source, request, params, link.condition("c.key"), true);
  const { limit, columns } = pageSelect(db, access, source, request, params);
  const embedding = embeddingOf(db, source, params);
  // OFFSET 0 keeps `c` a subquery of its own: pulled up, its count would run again for every row of the page.
  const rows: Record<string, unknown>[] = await db.sql.query(
    `SELECT c.key AS __key, c.total AS __total, page.*${embedding?.columns ?? ""}
     FROM (SELECT parent.key, (SELECT count(*)::int ${counted.from}) AS total FROM unnest(${keys}::${link.keyType}[]) AS parent(key) OFFSET 0) c
     LEFT JOIN LATERAL (SELECT ${columns}, ${sortText} AS __sort ${from} ${orderBy} ${limit}) page ON true ${embedding?.joins ?? ""}`,
    params.values,
  );
  const byParent = rowsByParent(rows, "__key");
  return parentKeys.map((k) => {
    const parentRows = byParent.get(String(k)) ?? [];
    return { page: toPage<T>(db.dataSource, source, request, parentRows, embedding), count: (parentRows[0]?.__total as number) ?? 0 };
  });
}
