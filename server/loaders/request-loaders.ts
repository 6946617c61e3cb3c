import DataLoader from "dataloader";
import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from "typeorm";
import { RowAccess } from "../access/row-access";
import { hydrate, selectedColumns, selectList } from "../database/hydrate";
import { SqlParams } from "../database/sql-params";
import { Embedding, SqlSession, withEmbedding } from "../database/sql-session";
import { CombinedStatements } from "../database/combined-statements";
import { ReadPlan, WHOLE_ROWS } from "../queries/read-plan";
import { TableColumns } from "../queries/column-plan";
import { StatementTally } from "../database/sql-statement-counter";
import { ListRequest, ListSource, ParentLink } from "../queries/list-source";
import {
  countRows, countRowsByParent, fetchPage, fetchPageAndCount, fetchPagesAndCountsByParent, fetchPagesByParent, Page,
} from "../queries/page-query";

type Key = string | number;

/** How deep lookups of lookups are read with their rows (2: a link's partner and the partner's commune). */
const LOOKUP_DEPTH = 2;

/** Hands a related row read with a row (and its entity) to its loader. */
type Prime = (row: Record<string, unknown>, entity: Record<string, unknown>) => void;

/** The parent key standing for a top-level list. */
export const ROOT = "";

/** What a connection field asks of its list for one parent: its page, or its total. */
export interface ConnectionPartKey {
  parent: Key;
  part: "page" | "count";
}

/** A record `RequestLoaders.lookup` finds: at once when the request holds it, else once loaded; null when absent or hidden. */
export type Found<T> = T | null | Promise<T | null>;

/**
 * The DataLoaders of one request, created lazily and named by what they key on. Every relation of
 * the graph resolves through them, so a nested query costs one statement per level, not per parent.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<Key, unknown>>();
  private readonly connectionLoaders = new Map<string, DataLoader<ConnectionPartKey, unknown>>();
  /** byKey's loaders by entity class: looked up for every object of a nested read, so without building a name. */
  private readonly keyLoaders = new Map<EntityTarget<ObjectLiteral>, DataLoader<Key, unknown>>();

  /** The request's SQL: counted in its tally, sent as prepared statements. */
  readonly sql: SqlSession;
  /** The same, statements asked for in the same tick sent as one (a dashboard's figures). */
  readonly combinedSql: CombinedStatements;

  /** How the request's operation reads rows: its lookups and columns by table (set before it executes, see read-plan.ts). */
  plan: ReadPlan = WHOLE_ROWS;

  /** `access` decides which rows this request may see: every list, lookup and count applies it; `tally` counts its statements. */
  constructor(readonly dataSource: DataSource, readonly access: RowAccess, tally: StatementTally = { count: 0 }) {
    this.sql = new SqlSession(dataSource, tally);
    this.combinedSql = new CombinedStatements(this.sql);
  }

  private loader<V>(name: string, batch: (keys: readonly Key[]) => Promise<V[]>, cacheMap?: Map<string, Promise<V>>): DataLoader<Key, V> {
    let loader = this.loaders.get(name) as DataLoader<Key, V> | undefined;
    if (!loader) {
      // Keys are normalised to strings for caching, so "59" and 59 never load twice.
      loader = new DataLoader<Key, V>(batch, { cacheKeyFn: (key) => String(key), ...(cacheMap ? { cacheMap } : {}) });
      this.loaders.set(name, loader as DataLoader<Key, unknown>);
    }
    return loader;
  }

  /** What byKey's loaders hold, by entity class: a lookup read again with another row is not made twice. */
  private readonly keyCaches = new Map<EntityTarget<ObjectLiteral>, Map<string, Promise<unknown>>>();
  /** The same records once known (loaded or read with their rows), by entity class and key: what `lookup` answers without a promise. */
  private readonly known = new Map<EntityTarget<ObjectLiteral>, Map<string, unknown>>();

  /**
   * The record of `entity` with this key, as `byKey(entity).load(key)` gives it, but the record itself
   * (not a promise) when the request already holds it: a to-one relation read with its rows
   * (read-plan.ts) then completes without a promise per object, which graphql-js would otherwise await
   * for each of the hundreds of objects of a wide read.
   */
  lookup<T extends ObjectLiteral>(entity: EntityTarget<T>, key: Key): Found<T> {
    const record = this.known.get(entity)?.get(String(key));
    return record !== undefined ? (record as T | null) : this.byKey(entity).load(key);
  }

  /** Loads entities by primary key; null for a key that does not exist or that this request may not see. */
  byKey<T extends ObjectLiteral>(entity: EntityTarget<T>): DataLoader<Key, T | null> {
    let loader = this.keyLoaders.get(entity) as DataLoader<Key, T | null> | undefined;
    if (!loader) this.keyLoaders.set(entity, (loader = this.newKeyLoader<T>(entity)) as DataLoader<Key, unknown>);
    return loader;
  }

  private newKeyLoader<T extends ObjectLiteral>(entity: EntityTarget<T>): DataLoader<Key, T | null> {
    const metadata = this.dataSource.getMetadata(entity);
    const cache = new Map<string, Promise<T | null>>();
    this.keyCaches.set(entity, cache as Map<string, Promise<unknown>>);
    const known = new Map<string, T | null>();
    this.known.set(entity, known);
    return this.loader<T | null>(`byKey:${metadata.tableName}:${metadata.name}`, async (keys) => {
      const primary = metadata.primaryColumns[0];
      const params = new SqlParams();
      const conditions = [`x.${primary.databaseName} = ANY(${params.add(keys)}::${primary.type}[])`];
      const visible = this.access.lookupCondition(metadata.tableName, "x", params);
      if (visible) conditions.push(visible);
      const columns = this.columnsOf(metadata);
      const select = `SELECT ${selectList(metadata, "x", this.access.readColumns(metadata.tableName, "x", params, columns), columns)} FROM ${metadata.tableName} x WHERE ${conditions.join(" AND ")}`;
      const embedding = this.embedding(metadata, params);
      const rows = await this.sql.query(withEmbedding(select, embedding), params.values);
      const found = new Map<string, T>();
      for (const row of rows) {
        const entity = hydrate<T>(this.dataSource, metadata, row);
        embedding?.prime(row, entity);
        found.set(String(row[primary.databaseName]), entity);
      }
      return keys.map((key) => {
        const record = found.get(String(key)) ?? null;
        if (cache.has(String(key))) known.set(String(key), record);
        return record;
      });
    }, cache);
  }

  /**
   * How a statement reading rows of `metadata`'s table (under alias `page`) reads the related rows the
   * operation selects: one LEFT JOIN LATERAL per lookup, reading the related row as `byKey` would (same
   * columns, same access rules: a row this viewer may not see reads as none), so priming `byKey`'s
   * loader with it answers exactly what the field's resolver would have loaded. The related rows' own
   * lookups are read the same way, up to `LOOKUP_DEPTH` (a partner's commune). OFFSET 0 keeps each
   * subquery a per-row index probe after the page, whose order it keeps, rather than a join planned
   * before the page's LIMIT.
   */
  embedding(metadata: EntityMetadata, params: SqlParams): Embedding | null {
    const parts = { columns: "", joins: "" };
    const primes = this.embed(metadata, (column) => `page.${column}`, "l", params, parts, 1);
    if (!primes.length) return null;
    return { ...parts, prime: (row, entity) => { for (const prime of primes) prime(row, entity); } };
  }

  /**
   * For a statement of its own (not a list of a concept): reads the `entity` named by the column
   * `keyColumn` of its rows (under alias `page`) when the operation selects `coordinate` ("Type.field"),
   * as `embedding` does; `prime(row, row)` hands it to `byKey`'s loader.
   */
  lookupWith(coordinate: string, entity: Function, keyColumn: string, params: SqlParams): Embedding | null {
    if (!this.plan.selected.has(coordinate)) return null;
    const parts = { columns: "", joins: "" };
    const prime = this.embedOne(entity, `page.${keyColumn}`, keyColumn, "r0", params, parts, 1);
    return { ...parts, prime };
  }

  /** The joins and primes of the lookups of rows of `metadata`'s table, whose columns `columnOf` names in the statement. */
  private embed(
    metadata: EntityMetadata, columnOf: (column: string) => string, aliasBase: string, params: SqlParams,
    parts: { columns: string; joins: string }, depth: number,
  ): Prime[] {
    const lookups = this.plan.lookups.get(metadata.tableName);
    if (!lookups || depth > LOOKUP_DEPTH) return [];
    return lookups.map((lookup, i) => {
      const keyColumn = [metadata, ...metadata.childEntityMetadatas].map((m) => m.findColumnWithPropertyName(lookup.property)).find(Boolean);
      if (!keyColumn) throw new Error(`${metadata.name} has no property ${lookup.property} (lookup ${lookup.field})`);
      return this.embedOne(lookup.target.lookupEntity, columnOf(keyColumn.databaseName), lookup.property, `${aliasBase}${i}`, params, parts, depth);
    });
  }

  /** One related row: `entity`'s row whose key equals the SQL `key`, and how to prime it from a row whose entity holds the key in `property`. */
  private embedOne(
    entity: Function, key: string, property: string, alias: string, params: SqlParams, parts: { columns: string; joins: string }, depth: number,
  ): Prime {
    const target = this.dataSource.getMetadata(entity);
    const primary = target.primaryColumns[0].databaseName;
    const prefix = `__${alias}_`;
    const columns = this.columnsOf(target);
    const read = this.access.readColumns(target.tableName, alias, params, columns);
    const visible = this.access.lookupCondition(target.tableName, alias, params);
    parts.columns += `, ${alias}.*`;
    parts.joins += ` LEFT JOIN LATERAL (SELECT ${columns.map((c) => `${read[c] ?? `${alias}.${c}`} AS ${prefix}${c}`).join(", ")}
      FROM ${target.tableName} ${alias} WHERE ${alias}.${primary} = ${key}${visible ? ` AND ${visible}` : ""} OFFSET 0) ${alias} ON true`;
    const nested = this.embed(target, (column) => `${alias}.${prefix}${column}`, `${alias}_`, params, parts, depth + 1);
    const loader = this.byKey(entity as EntityTarget<ObjectLiteral>);
    const loaded = this.keyCaches.get(entity)!;
    const known = this.known.get(entity)!;
    const primaryColumn = prefix + primary;
    return (row, holder) => {
      const value = holder[property] as Key | null | undefined;
      // Already there (an earlier row named it, or a lookup loaded it): nothing to make.
      if (value == null || loaded.has(String(value))) return;
      if (row[primaryColumn] == null) {
        loader.prime(value, null);
        known.set(String(value), null);
        return;
      }
      const related = hydrate<Record<string, unknown>>(this.dataSource, target, row, prefix);
      loader.prime(value, related);
      known.set(String(value), related);
      for (const prime of nested) prime(row, related);
    };
  }

  /**
   * The columns this request reads of `metadata`'s rows (every statement reading them: pages, nested
   * lists, lookups by key, related rows), as its operation's plan says: every column but those only a
   * plain field shows that the operation does not select (server/queries/column-plan.ts).
   */
  columnsOf(metadata: EntityMetadata): readonly string[] {
    const table = this.plan.columns.get(metadata.tableName);
    return table ? prunedColumns(metadata, table) : selectedColumns(metadata);
  }

  /**
   * Pages and totals of a list, per parent key (`ROOT` for a top-level list), batched into one statement
   * per (list, arguments): a page alone, a total alone, or both together when a client selected both
   * (the connection asks for them in the same tick, see `lazyConnection`).
   */
  connectionPart<T>(source: ListSource, link: ParentLink | null, request: ListRequest): DataLoader<ConnectionPartKey, Page<T> | number> {
    const loaderName = `connection:${source.name}:${link?.name ?? "root"}:${requestKey(request)}`;
    let loader = this.connectionLoaders.get(loaderName) as DataLoader<ConnectionPartKey, Page<T> | number> | undefined;
    if (!loader) {
      loader = new DataLoader<ConnectionPartKey, Page<T> | number, string>(
        (parts) => this.loadConnectionParts<T>(source, link, request, parts),
        { cacheKeyFn: (key) => `${key.part}:${String(key.parent)}` },
      );
      this.connectionLoaders.set(loaderName, loader as DataLoader<ConnectionPartKey, unknown>);
    }
    return loader;
  }

  private async loadConnectionParts<T>(
    source: ListSource, link: ParentLink | null, request: ListRequest, parts: readonly ConnectionPartKey[],
  ): Promise<(Page<T> | number)[]> {
    const { access } = this;
    const distinct = (part: ConnectionPartKey["part"]) => [...new Set(parts.filter((p) => p.part === part).map((p) => String(p.parent)))];
    const pageParents = distinct("page");
    const countParents = distinct("count");
    const pages = new Map<string, Page<T>>();
    const counts = new Map<string, number>();
    if (!link) {
      if (pageParents.length && countParents.length) {
        const both = await fetchPageAndCount<T>(this, access, source, request);
        pages.set(ROOT, both.page);
        counts.set(ROOT, both.count);
      } else if (pageParents.length) pages.set(ROOT, await fetchPage<T>(this, access, source, request));
      else counts.set(ROOT, await countRows(this, access, source, request));
    } else if (pageParents.length && countParents.length) {
      const keys = [...new Set([...pageParents, ...countParents])];
      const both = await fetchPagesAndCountsByParent<T>(this, access, source, link, request, keys);
      keys.forEach((k, i) => (pages.set(k, both[i].page), counts.set(k, both[i].count)));
    } else if (pageParents.length) {
      const found = await fetchPagesByParent<T>(this, access, source, link, request, pageParents);
      pageParents.forEach((k, i) => pages.set(k, found[i]));
    } else {
      const found = await countRowsByParent(this, access, source, link, request, countParents);
      countParents.forEach((k, i) => counts.set(k, found[i]));
    }
    return parts.map((p) => (p.part === "page" ? pages.get(String(p.parent))! : counts.get(String(p.parent))!));
  }

  /** Every row of a short nested list (no pagination), one list per parent key. */
  listByParent<T>(source: ListSource, link: ParentLink, request: Omit<ListRequest, "first" | "after">): DataLoader<Key, T[]> {
    return this.loader<T[]>(`list:${source.name}:${link.name}:${requestKey(request)}`, async (keys) => {
      const pages = await fetchPagesByParent<T>(this, this.access, source, link, request, keys);
      return pages.map((page) => page.edges.map((edge) => edge.node));
    });
  }

  /** A whole top-level list in one page (short reference lists: stakes, themes). */
  page<T>(source: ListSource, request: ListRequest): Promise<Page<T>> {
    return fetchPage<T>(this, this.access, source, request);
  }

  /** A raw batched lookup, for values that are not entities (e.g. a QPV's contour). */
  raw<V>(name: string, batch: (keys: readonly Key[]) => Promise<V[]>): DataLoader<Key, V> {
    return this.loader<V>(`raw:${name}`, batch);
  }

  /** Forgets what this request loaded for a key (after a mutation changed that record). */
  forget(key: Key): void {
    for (const loader of this.loaders.values()) loader.clear(key);
    for (const records of this.known.values()) records.delete(String(key));
    for (const loader of this.connectionLoaders.values()) loader.clear({ parent: key, part: "page" }).clear({ parent: key, part: "count" });
  }
}

const pruned = new WeakMap<TableColumns, Map<EntityMetadata, readonly string[]>>();

/** The columns of `metadata` the table's plan keeps (computed once per operation and entity). */
function prunedColumns(metadata: EntityMetadata, table: TableColumns): readonly string[] {
  let byEntity = pruned.get(table);
  if (!byEntity) pruned.set(table, (byEntity = new Map()));
  let columns = byEntity.get(metadata);
  if (!columns) {
    const entities = [metadata, ...metadata.childEntityMetadatas];
    const property = new Map(entities.flatMap((m) => m.columns.map((c) => [c.databaseName, c.propertyName] as const)));
    const always = new Set([...entities.flatMap((m) => m.primaryColumns), metadata.discriminatorColumn].filter(Boolean).map((c) => c!.databaseName));
    columns = selectedColumns(metadata).filter((c) => {
      const name = property.get(c)!;
      return always.has(c) || table.keyColumns.has(c) || !table.prunable.has(name) || table.read.has(name);
    });
    byEntity.set(metadata, columns);
  }
  return columns;
}

/** Identifies a list request for batching: built for every parent of a nested list, so by concatenation (JSON-quoted where a client wrote it). */
function requestKey(request: Omit<ListRequest, "first" | "after"> & { first?: number; after?: string | null }): string {
  const after = request.after == null ? "" : JSON.stringify(request.after);
  return `${request.signature.length}:${request.signature}:${request.order}:${request.direction}:${request.first ?? ""}:${after}`;
}
