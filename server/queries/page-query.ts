import { DataSource } from "typeorm";
import { Embedding, ReadSession, withEmbedding } from "../database/sql-session";
import { hydrate, selectList } from "../database/hydrate";
import { RowAccess } from "../access/row-access";
import { SqlParams } from "../database/sql-params";
import { decodeCursor, encodeCursor } from "./cursor";
import { ListRequest, ListSource, ParentLink } from "./list-source";

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

/** The FROM/WHERE/ORDER BY part shared by pages and counts, for one parent or the whole list, as `access` may see it. */
export function listStatementParts(access: RowAccess, source: ListSource, request: ListRequest, params: SqlParams, parentCondition: string | null, withCursor: boolean) {
  const a = source.alias;
  const order = orderOf(source, request);
  const conditions = [...(source.where ?? []), ...access.listConditions(source, params), ...request.conditions(params)];
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
  return {
    // A parameter, not inlined: one statement text (one prepared plan) for every page size.
    limit: request.first === undefined ? "" : `LIMIT ${params.add(request.first + 1)}`,
    columns: selectList(metadata, source.alias, access.readColumns(source.table, source.alias, params, columns), columns),
  };
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
  const { from, orderBy, sortText } = listStatementParts(access, source, request, params, null, true);
  const { limit, columns } = pageSelect(db, access, source, request, params);
  const embedding = embeddingOf(db, source, params);
  const rows = await db.sql.query(withEmbedding(`SELECT ${columns}, ${sortText} AS __sort ${from} ${orderBy} ${limit}`, embedding), params.values);
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
  const { from } = listStatementParts(access, source, request, params, null, false);
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
  const counted = listStatementParts(access, source, request, params, null, false);
  const { from, orderBy, sortText } = listStatementParts(access, source, request, params, null, true);
  const { limit, columns } = pageSelect(db, access, source, request, params);
  const embedding = embeddingOf(db, source, params);
  const rows: Record<string, unknown>[] = await db.sql.query(
    `SELECT t.__total, page.*${embedding?.columns ?? ""} FROM (SELECT count(*)::int AS __total ${counted.from}) t
     LEFT JOIN LATERAL (SELECT ${columns}, ${sortText} AS __sort ${from} ${orderBy} ${limit}) page ON true ${embedding?.joins ?? ""}`,
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
